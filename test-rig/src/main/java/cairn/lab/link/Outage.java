package cairn.lab.link;

/**
 * A scheduled cut of the whole link: from {@code atMs} after the link started, for {@code forMs}; no byte crosses in
 * either direction during {@code [atMs, atMs + forMs)}.
 */
public record Outage(long atMs, long forMs) {

    public Outage {
        if (atMs < 0 || forMs <= 0) {
            throw new IllegalArgumentException("An outage needs a start >= 0 and a length > 0, got at " + atMs
                    + " ms for " + forMs + " ms.");
        }
    }

    /** Parses {@code AT+FOR} in seconds, as {@code --outage 60+30} (decimals allowed: {@code 1.5+0.5}). */
    public static Outage parse(String text) {
        int plus = text.indexOf('+');
        if (plus <= 0 || plus == text.length() - 1) {
            throw new IllegalArgumentException("An outage is AT_S+FOR_S in seconds (e.g. 60+30), got '" + text + "'.");
        }
        try {
            double at = Double.parseDouble(text.substring(0, plus));
            double length = Double.parseDouble(text.substring(plus + 1));
            if (!(at >= 0) || !(length > 0) || Double.isInfinite(at) || Double.isInfinite(length)) {
                throw new IllegalArgumentException("An outage needs AT >= 0 and FOR > 0 seconds, got '" + text + "'.");
            }
            return new Outage(Math.round(at * 1000), Math.round(length * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("An outage is AT_S+FOR_S in seconds (e.g. 60+30), got '" + text + "'.");
        }
    }

    public long endMs() {
        return atMs + forMs;
    }

    public boolean covers(long ms) {
        return ms >= atMs && ms < endMs();
    }

    @Override
    public String toString() {
        return (atMs / 1000.0) + "+" + (forMs / 1000.0);
    }
}
