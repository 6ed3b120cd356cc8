package cairn.lab.codecbench;

import java.util.Iterator;

/**
 * Scores what a viewer sees against each source frame: an output frame stays on screen from its
 * timestamp until the next output frame's, so a source frame is compared with the latest output
 * frame shown at or before its own timestamp (black before the first one; scaled to the source
 * size if the output is smaller or larger). Source frames must arrive in time order; output frames
 * are pulled lazily from an iterator in presentation order. Not thread-safe.
 */
public final class ViewerComparison {

    /** Output timestamps this close to a source frame's count as the same instant (TS clocks tick at 90 kHz). */
    static final double SAME_INSTANT_SECONDS = 0.001;

    private final Iterator<TimedGrey> shownFrames;
    private final FrameScores scores = new FrameScores();
    private TimedGrey onScreen;
    private TimedGrey upcoming;
    private int shownCount;

    public ViewerComparison(Iterator<TimedGrey> shownFrames) {
        this.shownFrames = shownFrames;
    }

    public void compare(TimedGrey source) {
        while (peek() != null && upcoming.seconds() <= source.seconds() + SAME_INSTANT_SECONDS) {
            onScreen = upcoming;
            upcoming = null;
        }
        GreyImage src = source.image();
        GreyImage seen = onScreen == null
                ? GreyImage.filled(src.width(), src.height(), GreyImage.BLACK_LUMA)
                : onScreen.image().scaledTo(src.width(), src.height());
        scores.compare(src, seen);
    }

    private TimedGrey peek() {
        if (upcoming == null && shownFrames.hasNext()) {
            upcoming = shownFrames.next();
            shownCount++;
        }
        return upcoming;
    }

    /** Output frames read so far, including those after the last source frame once {@link #drain} ran. */
    public int shownCount() {
        return shownCount;
    }

    /** Reads the output to its end, so {@link #shownCount} counts every output frame. */
    public void drain() {
        while (peek() != null) {
            upcoming = null;
        }
    }

    public FrameScores scores() {
        return scores;
    }
}
