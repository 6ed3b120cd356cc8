package cairn.lab.codecbench;

/** One source frame: its index, its timestamp in seconds from the first source frame, and its pixels. */
public record SourceFrame(int index, double seconds, I420Image image) {

    public TimedGrey luma() {
        return new TimedGrey(seconds, image.luma());
    }
}
