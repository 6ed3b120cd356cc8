package cairn.lab.mqtt;

import cairn.lab.rig.ApplianceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the real appliance process with a small, cheap test-pattern camera and the given {@code --set}s. */
final class Cairn {
    private Cairn() {}

    static ApplianceProcess start(Path dir, String name, String... sets) throws IOException {
        List<String> args = new ArrayList<>(List.of("--set", "camera.cam1.width=160", "--set", "camera.cam1.height=120",
                "--set", "camera.cam1.fps=5"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return ApplianceProcess.start(dir.resolve("data"), dir.resolve(name + ".log"), args);
    }
}
