package cairn.lab.rig;

/** Size, frame rate and length of a generated test clip. */
public record ClipFormat(int width, int height, int fps, double seconds) {

    public ClipFormat {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("Clip size must be positive and even, got " + width + "x" + height + ".");
        }
        if (fps <= 0 || fps > 120) {
            throw new IllegalArgumentException("Clip fps must be 1 to 120, got " + fps + ".");
        }
        if (!(seconds > 0 && seconds <= 600)) {
            throw new IllegalArgumentException("Clip length must be more than 0 and at most 600 s, got " + seconds + ".");
        }
    }

    /** The number of frames the clip holds. */
    public long frames() {
        return Math.round(fps * seconds);
    }

    String fileStem() {
        return width + "x" + height + "-" + fps + "fps-" + Math.round(seconds * 1000) + "ms";
    }
}
