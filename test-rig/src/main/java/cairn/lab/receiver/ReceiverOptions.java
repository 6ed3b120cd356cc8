package cairn.lab.receiver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the receiver is set up. Immutable; start from {@link #defaults()}:
 *
 * <pre>{@code
 * ReceiverOptions.defaults().withBasicAuth("cairn", "secret").withPort(8080)
 * }</pre>
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param basicAuth user and password required (HTTP basic), if present
 * @param bearerToken token required as {@code Authorization: Bearer TOKEN}, if present
 * @param clientBodyTimeout nginx's {@code client_body_timeout}: the longest pause between two reads of a body before
 *     nginx gives up with 408 (nginx's default is 60 s, as on a real server)
 * @param tls HTTPS with this certificate (chain) and key, PEM files nginx reads at every start; plain HTTP if absent
 */
public record ReceiverOptions(int port, Optional<Credentials> basicAuth, Optional<String> bearerToken,
        Duration clientBodyTimeout, Optional<Tls> tls) {

    /** A server certificate and its key, PEM; replacing the files and restarting the receiver changes them. */
    public record Tls(java.nio.file.Path certificate, java.nio.file.Path key) {}

    /** A user and password for HTTP basic authentication. {@link #toString()} hides the password. */
    public record Credentials(String user, String password) {
        public Credentials {
            if (user.isEmpty() || user.contains(":") || user.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("A basic-auth user must be non-empty, without ':' or spaces.");
            }
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return user + ":***";
        }
    }

    public ReceiverOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Receiver port must be 0 to 65535, got " + port + ".");
        }
        bearerToken.ifPresent(t -> {
            if (!t.matches("[A-Za-z0-9._~+/=-]+")) {
                throw new IllegalArgumentException("A bearer token must be made of A-Z a-z 0-9 . _ ~ + / = -");
            }
        });
        if (basicAuth.isPresent() && bearerToken.isPresent()) {
            throw new IllegalArgumentException("Choose basic auth or a bearer token, not both.");
        }
        if (clientBodyTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("client_body_timeout must be at least 1 s, got " + clientBodyTimeout + ".");
        }
    }

    public static ReceiverOptions defaults() {
        return new ReceiverOptions(0, Optional.empty(), Optional.empty(), Duration.ofSeconds(60), Optional.empty());
    }

    public ReceiverOptions withPort(int value) {
        return new ReceiverOptions(value, basicAuth, bearerToken, clientBodyTimeout, tls);
    }

    public ReceiverOptions withBasicAuth(String user, String password) {
        return new ReceiverOptions(port, Optional.of(new Credentials(user, password)), bearerToken, clientBodyTimeout, tls);
    }

    public ReceiverOptions withBearerToken(String token) {
        return new ReceiverOptions(port, basicAuth, Optional.of(token), clientBodyTimeout, tls);
    }

    public ReceiverOptions withClientBodyTimeout(Duration value) {
        return new ReceiverOptions(port, basicAuth, bearerToken, value, tls);
    }

    public ReceiverOptions withTls(java.nio.file.Path certificate, java.nio.file.Path key) {
        return new ReceiverOptions(port, basicAuth, bearerToken, clientBodyTimeout, Optional.of(new Tls(certificate, key)));
    }
}
