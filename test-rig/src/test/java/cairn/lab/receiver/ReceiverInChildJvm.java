package cairn.lab.receiver;

import java.nio.file.Path;

/** A JVM that starts a receiver in {@code args[0]}, says READY and waits to be killed: for {@link NginxReceiverIT}. */
final class ReceiverInChildJvm {

    private ReceiverInChildJvm() {}

    public static void main(String[] args) throws Exception {
        NginxReceiver receiver = NginxReceiver.start(Path.of(args[0]), ReceiverOptions.defaults());
        System.out.println("READY " + receiver.port());
        System.out.flush();
        Thread.sleep(60_000);
        receiver.close();
    }
}
