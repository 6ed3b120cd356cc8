package cairn.config;

/** One {@code key = value} as written, with where it was written ({@code FILE:LINE} or {@code --set}). */
record Setting(String path, String text, String where) {}
