package cairn.ota.device;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a file over HTTP(S) into the data partition and resumes where it stopped ({@code Range: bytes=N-}),
 * across dropped connections, outages and restarts of the process: the partial file is the state. An outage is
 * waited out with a back-off doubling from 1 s to 30 s; the number of attempts that bring no byte is bounded.
 * A stall longer than the read timeout counts as a dropped connection.
 *
 * <p>Not thread-safe; one download at a time.
 */
public final class Downloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int CHUNK = 16 * 1024;

    /** Waits between attempts; tests pass one that does not sleep. */
    public interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Told about progress: bytes in the partial file so far, of {@code total}. */
    public interface Progress {
        void at(long bytes, long total);
    }

    private final ByteAllowance allowance;
    private final Duration readTimeout;
    private final int attemptsWithoutProgress;
    private final Pause pause;
    private long fetchedTotal;
    private int requests;

    public Downloader(ByteAllowance allowance, Duration readTimeout, int attemptsWithoutProgress, Pause pause) {
        this.allowance = Objects.requireNonNull(allowance, "allowance");
        this.readTimeout = readTimeout;
        this.attemptsWithoutProgress = attemptsWithoutProgress;
        this.pause = pause;
    }

    /** Bytes received from the network by this downloader, over every request. */
    public long fetchedTotal() {
        return fetchedTotal;
    }

    public int requests() {
        return requests;
    }

    /** A small file (manifest, signature), read whole, at most {@code maxBytes}. */
    public byte[] fetchSmall(URI uri, int maxBytes) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < attemptsWithoutProgress; attempt++) {
            if (attempt > 0) {
                pause.sleep(backoff(attempt));
            }
            HttpURLConnection c = open(uri);
            try {
                int status = c.getResponseCode();
                if (status >= 400 && status < 500) {
                    throw new FinalAnswer(uri + " answered HTTP " + status);
                }
                if (status != 200) {
                    throw new IOException(uri + " answered HTTP " + status);
                }
                try (InputStream in = c.getInputStream()) {
                    byte[] bytes = in.readNBytes(maxBytes + 1);
                    count(bytes.length);
                    if (bytes.length > maxBytes) {
                        throw new IOException(uri + " is larger than the " + maxBytes + " bytes it may have");
                    }
                    return bytes;
                }
            } catch (FinalAnswer e) {
                throw e;
            } catch (IOException e) {
                if (System.getenv("CAIRN_OTA_DEBUG") != null) e.printStackTrace();
                last = e;
            } finally {
                c.disconnect();
            }
        }
        throw new IOException("gave up on " + uri + " after " + attemptsWithoutProgress + " attempts: "
                + last.getMessage(), last);
    }

    /**
     * Makes {@code part} hold the first {@code size} bytes of {@code uri}, starting from what it already holds.
     *
     * @throws IOException when the server refuses, the allowance is spent, or too many attempts brought nothing
     */
    public void fetchResumable(URI uri, Path part, long size, Progress progress)
            throws IOException, InterruptedException {
        int fruitless = 0;
        IOException last = null;
        while (true) {
            long have = Files.exists(part) ? Files.size(part) : 0;
            if (have > size) {
                Files.delete(part);
                have = 0;
            }
            progress.at(have, size);
            if (have == size) {
                return;
            }
            if (fruitless >= attemptsWithoutProgress) {
                throw new IOException("gave up on " + uri + " after " + fruitless + " attempts without a byte: "
                        + (last == null ? "no reason" : last.getMessage()), last);
            }
            if (!allowance.mayFetch(Math.min(CHUNK, size - have))) {
                throw new IOException("the byte allowance for updates is spent; " + have + " of " + size
                        + " bytes are kept and the download resumes later");
            }
            if (fruitless > 0) {
                pause.sleep(backoff(fruitless));
            }
            long before = have;
            try {
                append(uri, part, have, size, progress);
            } catch (FinalAnswer e) {
                throw e;
            } catch (IOException e) {
                last = e;
            }
            long after = Files.exists(part) ? Files.size(part) : 0;
            fruitless = after > before ? 0 : fruitless + 1;
        }
    }

    private void append(URI uri, Path part, long have, long size, Progress progress) throws IOException {
        HttpURLConnection c = open(uri);
        try {
            if (have > 0) {
                c.setRequestProperty("Range", "bytes=" + have + "-");
            }
            int status = c.getResponseCode();
            long offset;
            if (status == 206) {
                offset = rangeStart(c.getHeaderField("Content-Range"));
                if (offset != have) {
                    throw new IOException(uri + " sent bytes from " + offset + " when asked for " + have);
                }
            } else if (status == 200) {
                offset = 0; // the server ignores Range: start over
            } else if (status >= 400 && status < 500) {
                throw new FinalAnswer(uri + " answered HTTP " + status);
            } else {
                throw new IOException(uri + " answered HTTP " + status);
            }
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    InputStream in = c.getInputStream()) {
                ch.truncate(offset);
                ch.position(offset);
                var out = Channels.newOutputStream(ch);
                byte[] buffer = new byte[CHUNK];
                long at = offset;
                while (at < size) {
                    if (!allowance.mayFetch(Math.min(CHUNK, size - at))) {
                        break;
                    }
                    int n = in.read(buffer, 0, (int) Math.min(CHUNK, size - at));
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    count(n);
                    at += n;
                    progress.at(at, size);
                }
                // What is on disk after a power cut must be a prefix of the file; a torn tail fails the hash later.
                ch.force(false);
            }
        } finally {
            c.disconnect();
        }
    }

    private void count(long n) {
        fetchedTotal += n;
        allowance.fetched(n);
    }

    private HttpURLConnection open(URI uri) throws IOException {
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IOException("only http:// and https:// addresses can be fetched, not " + uri);
        }
        requests++;
        // Direct, as the uplink goes: a box has no proxy, and the JDK's default selector may refuse to choose.
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(java.net.Proxy.NO_PROXY);
        c.setConnectTimeout((int) readTimeout.toMillis());
        c.setReadTimeout((int) readTimeout.toMillis());
        c.setUseCaches(false);
        c.setInstanceFollowRedirects(false);
        return c;
    }

    /** A 4xx answer: it will not change by asking again. */
    static final class FinalAnswer extends IOException {
        FinalAnswer(String message) {
            super(message);
        }
    }

    private static long rangeStart(String header) throws IOException {
        Matcher m = header == null ? null : CONTENT_RANGE.matcher(header);
        if (m == null || !m.matches()) {
            throw new IOException("a 206 answer without a usable Content-Range: " + header);
        }
        return Long.parseLong(m.group(1));
    }

    static Duration backoff(int attempt) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(attempt - 1, 5)));
    }
}
