package cairn.hardware.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real systemd-notify talking to a notify socket that the test owns. */
class SystemdNotifyWatchdogIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Logger logger = Logger.getLogger(SystemdNotifyWatchdog.class.getName());
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @TempDir
    Path dir;

    @BeforeAll
    static void systemdNotifyIsInstalled() {
        if (!Files.isExecutable(SystemdNotifyWatchdog.SYSTEMD_NOTIFY)) {
            fail("This test needs " + SystemdNotifyWatchdog.SYSTEMD_NOTIFY + " (Debian package systemd)");
        }
    }

    @BeforeEach
    void captureWarnings() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    private static SystemdNotifyWatchdog watchdogAt(String socket) {
        return new SystemdNotifyWatchdog(socket, SystemdNotifyWatchdog.SYSTEMD_NOTIFY, WAIT);
    }

    @Test
    void eachCallArrivesAsOneNotifyMessage() throws Exception {
        String socket = dir.resolve("notify").toString();
        try (UnixDatagramListener systemd = new UnixDatagramListener(socket)) {
            Watchdog watchdog = watchdogAt(socket);
            watchdog.ready();
            assertEquals("READY=1", systemd.next(WAIT));
            watchdog.alive();
            assertEquals("WATCHDOG=1", systemd.next(WAIT));
            watchdog.status("uplink 320 kbit/s, backlog 12 segments");
            assertEquals("STATUS=uplink 320 kbit/s, backlog 12 segments", systemd.next(WAIT));
            watchdog.stopping();
            assertEquals("STOPPING=1", systemd.next(WAIT));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aStatusWithLineBreaksCannotSmuggleInOtherVariables() throws Exception {
        String socket = dir.resolve("notify").toString();
        try (UnixDatagramListener systemd = new UnixDatagramListener(socket)) {
            watchdogAt(socket).status("camera lost\nREADY=1\r\n");
            assertEquals("STATUS=camera lost READY=1", systemd.next(WAIT));
        }
    }

    @Test
    void reachesASocketInTheAbstractNamespace() throws Exception {
        String socket = "@cairn-test-" + UUID.randomUUID();
        try (UnixDatagramListener systemd = new UnixDatagramListener(socket)) {
            watchdogAt(socket).alive();
            assertEquals("WATCHDOG=1", systemd.next(WAIT));
        }
    }

    @Test
    void aMissingSocketIsLoggedNotThrown() {
        watchdogAt(dir.resolve("nobody-listens").toString()).alive();
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).getMessage().contains("failed"), warnings.get(0).getMessage());
    }

    @Test
    void aMissingSystemdNotifyIsLoggedNotThrown() {
        new SystemdNotifyWatchdog(dir.resolve("notify").toString(), dir.resolve("no-such-binary"), WAIT).ready();
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).getMessage().contains("Cannot run"), warnings.get(0).getMessage());
    }
}
