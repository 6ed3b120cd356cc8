package cairn.lab.receiver;

/**
 * A way for the receiver to misbehave, switched on and off while it runs ({@link NginxReceiver#inject}). nginx checks
 * for a file per fault on every request ({@code if (-f …) { return CODE; }}, before authentication and before reading
 * the body), so a switch applies to the very next request, also on a kept-alive connection, with no reload.
 */
public enum Fault {
    /** 403 Forbidden: a server that refuses the uploader (wrong permissions, revoked account). */
    FORBIDDEN(403),
    /** 429 Too Many Requests. */
    TOO_MANY_REQUESTS(429),
    /** 500 Internal Server Error. */
    SERVER_ERROR(500),
    /** 503 Service Unavailable. */
    UNAVAILABLE(503),
    /** 507 Insufficient Storage: the server's disk is full. */
    INSUFFICIENT_STORAGE(507),
    /**
     * No answer: nginx closes the connection ({@code return 444}) without reading the body, so a client still sending
     * it gets a reset mid-body. To cut a body after part of it reached nginx, reset the link instead
     * ({@code LinkEmulator.resetConnections()}).
     */
    CLOSE_CONNECTION(444);

    private final int status;

    Fault(int status) {
        this.status = status;
    }

    /** The status nginx returns; 444 is nginx's code for closing without a response. */
    public int status() {
        return status;
    }

    String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
