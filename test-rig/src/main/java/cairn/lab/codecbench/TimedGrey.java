package cairn.lab.codecbench;

/** A luma picture and the instant it is shown, in seconds from the first source frame. */
public record TimedGrey(double seconds, GreyImage image) {}
