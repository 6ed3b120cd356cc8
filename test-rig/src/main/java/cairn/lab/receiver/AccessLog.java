package cairn.lab.receiver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The receiver's access log, in {@link NginxConfig#LOG_FORMAT}: what each request asked and how nginx answered. */
public final class AccessLog {

    /**
     * One request.
     *
     * @param epochSeconds when it ended, seconds since 1970 with milliseconds
     * @param path the decoded path, as on disk under the root ({@code /cam1/000000000001.ts})
     * @param status 201/204 for a PUT stored; 444 for a closed connection; 400 or 408 when the client stopped mid-body
     * @param requestBytes bytes received, headers and body
     * @param connection nginx's connection number; requests on a kept-alive connection share it
     * @param connectionRequest how many requests this connection had served, this one included
     * @param liveMark the request's {@code X-Cairn-Live} header (the uplink marks segments sent live), "-" without
     */
    public record Entry(double epochSeconds, String method, String path, int status, long requestBytes,
            long responseBytes, double seconds, long connection, int connectionRequest, String liveMark) {

        public Entry(double epochSeconds, String method, String path, int status, long requestBytes, long responseBytes,
                double seconds, long connection, int connectionRequest) {
            this(epochSeconds, method, path, status, requestBytes, responseBytes, seconds, connection,
                    connectionRequest, "-");
        }

        /** Whether the uplink marked it as a segment sent live. */
        public boolean markedLive() {
            return liveMark.equals("1");
        }

        /** A PUT that nginx stored whole (201 Created or 204 No Content). */
        public boolean storedPut() {
            return method.equals("PUT") && (status == 201 || status == 204);
        }
    }

    private AccessLog() {}

    /** The entries of the log, in order; an absent log is empty. Throws on a line it cannot read. */
    public static List<Entry> read(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            entries.add(parse(line, log, i + 1));
        }
        return entries;
    }

    static Entry parse(String line, Path log, int number) throws IOException {
        String[] f = line.split("\t", -1);
        try {
            if (f.length != 9 && f.length != 10) {
                throw new IllegalArgumentException(f.length + " fields");
            }
            return new Entry(Double.parseDouble(f[0]), f[1], unescape(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]),
                    Long.parseLong(f[5]), Double.parseDouble(f[6]), Long.parseLong(f[7]), Integer.parseInt(f[8]),
                    f.length == 10 ? f[9] : "-");
        } catch (IllegalArgumentException e) {
            throw new IOException(log + " line " + number + " is not in the receiver's format (" + e.getMessage() + "): "
                    + line);
        }
    }

    /** nginx's default log escaping: {@code \xHH} for quotes, backslashes and bytes outside printable ASCII. */
    static String unescape(String s) {
        if (!s.contains("\\x")) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
                bytes.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
