package cairn.lab.codecbench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One way of sending the source video, measured the same way as every other: bytes on the wire,
 * frames the viewer receives, wall time of the encoding alone, and the viewer's quality on luma
 * (see {@link ViewerComparison}). A run may write what it likes under {@code workDir}, which is
 * its own and exists. Runs execute one after another on the calling thread.
 */
public interface BenchRun {

    /** The name in the report, e.g. {@code h264-fixed-rate}. */
    String name();

    RunResult run(SourceVideo source, Path workDir) throws IOException;
}
