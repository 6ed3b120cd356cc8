package cairn.lab.codecbench;

/**
 * What a run measured: bytes it would send, output frames the viewer decodes, wall-clock seconds
 * spent encoding (not decoding the source, not measuring quality), and the viewer's quality.
 */
public record RunResult(long bytes, int framesOut, double encodeSeconds, QualitySummary quality) {}
