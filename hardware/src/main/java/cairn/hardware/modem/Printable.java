package cairn.hardware.modem;

/** Makes device text safe for a log line or an MQTT message: printable characters only, bounded length. */
final class Printable {
    private Printable() {}

    static String of(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
        for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c != 0x7f && !Character.isISOControl(c) ? c : '?');
        }
        if (text.length() > maxChars) {
            out.append('…');
        }
        return out.toString();
    }
}
