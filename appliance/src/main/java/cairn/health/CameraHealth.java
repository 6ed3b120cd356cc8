package cairn.health;

import java.util.OptionalLong;

/**
 * One camera in a {@link Health} snapshot: capture status ({@code running}, {@code lost}, …), frames
 * per second captured and kept since the last snapshot, the bitrate cap in force, and how long ago
 * its last segment reached the spool (empty before the first).
 */
public record CameraHealth(String name, String status, double fpsIn, double fpsOut, int targetKbps,
    OptionalLong lastSegmentAgeS, boolean motion) {}
