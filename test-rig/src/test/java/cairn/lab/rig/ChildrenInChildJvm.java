package cairn.lab.rig;

/** A JVM that installs {@link ChildCleanup} as the lab does, starts a long {@code sleep}, prints its pid and waits. */
final class ChildrenInChildJvm {

    private ChildrenInChildJvm() {}

    public static void main(String[] args) throws Exception {
        ChildCleanup.installOnExit();
        Process sleep = new ProcessBuilder("sleep", "300").start();
        System.out.println("PID " + sleep.pid());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
