package pool.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify's protocol, against a listening socket of the test's own as systemd opens it. */
class SystemdNotifierTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void readyGoesToTheSocketNotifySocketNamesByPath() throws Exception {
        try (NotifyListener systemd = NotifyListener.bind(dir.resolve("notify").toString())) {
            SystemdNotifier notifier = SystemdNotifier.forSocket(systemd.name());
            assertTrue(notifier.active());

            notifier.ready("2 pool(s) from /etc/poold/pools.xml");

            assertEquals("READY=1\nSTATUS=2 pool(s) from /etc/poold/pools.xml", systemd.receive(WAIT));
        }
    }

    @Test
    void aSocketInTheAbstractNamespaceIsNamedWithAnAt() throws Exception {
        String name = "@poold-test-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
        try (NotifyListener systemd = NotifyListener.bind(name)) {
            SystemdNotifier.forSocket(name).stopping("stopping on SIGTERM");

            assertEquals("STOPPING=1\nSTATUS=stopping on SIGTERM", systemd.receive(WAIT));
        }
    }

    @Test
    void reloadingCarriesWhenOnTheMonotonicClockInMicroseconds() throws Exception {
        try (NotifyListener systemd = NotifyListener.bind(dir.resolve("notify").toString())) {
            long before = System.nanoTime() / 1000;
            SystemdNotifier.forSocket(systemd.name()).reloading("reloading pools.xml");
            long after = System.nanoTime() / 1000;

            String[] lines = systemd.receive(WAIT).split("\n");
            assertEquals("RELOADING=1", lines[0]);
            long usec = Long.parseLong(lines[1].substring("MONOTONIC_USEC=".length()));
            assertTrue(lines[1].startsWith("MONOTONIC_USEC=") && usec >= before && usec <= after, lines[1]);
            assertEquals("STATUS=reloading pools.xml", lines[2]);
        }
    }

    @Test
    void aStatusOfSeveralLinesIsSentAsOneSoItCannotAddFields() throws Exception {
        try (NotifyListener systemd = NotifyListener.bind(dir.resolve("notify").toString())) {
            SystemdNotifier.forSocket(systemd.name()).ready("reload rejected:\nREADY=0");

            assertEquals("READY=1\nSTATUS=reload rejected: READY=0", systemd.receive(WAIT));
        }
    }

    @Test
    void withoutNotifySocketNothingIsSentAndNothingFails() {
        for (String unset : new String[] {null, ""}) {
            SystemdNotifier notifier = SystemdNotifier.forSocket(unset);
            assertFalse(notifier.active());
            notifier.ready("x");
            notifier.reloading("x");
            notifier.stopping("x");
        }
    }

    @Test
    void aSocketNobodyListensOnIsLoggedWithTheReasonAndTheDaemonCarriesOn() {
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger poold = Logger.getLogger("poold");
        poold.addHandler(handler);
        try {
            SystemdNotifier.forSocket(dir.resolve("nobody-here").toString()).ready("x");
        } finally {
            poold.removeHandler(handler);
        }
        assertEquals(1, logged.size(), logged.toString());
        String message = java.text.MessageFormat.format(logged.get(0).getMessage(), logged.get(0).getParameters());
        // ENOENT is 2 on Linux; the C library's words for it depend on the locale.
        assertTrue(message.contains("cannot tell systemd 'READY=1'") && message.contains("(errno 2)"), message);
    }

    @Test
    void aNotifySocketThatIsNeitherAPathNorAbstractIsIgnored() {
        assertFalse(SystemdNotifier.forSocket("vsock:2:1234").active());
        assertFalse(SystemdNotifier.forSocket("relative/notify").active());
    }

    @Test
    void anAddressIsTheFamilyThenThePathWithItsNulOrTheAbstractNameAfterANul() {
        byte[] path = UnixDatagram.address("/run/n");
        assertEquals(2 + "/run/n".length() + 1, path.length);
        assertEquals(0, path[path.length - 1]);
        assertEquals('/', path[2]);
        byte[] abstractName = UnixDatagram.address("@n");
        assertArrayEquals(new byte[] {0, 'n'}, java.util.Arrays.copyOfRange(abstractName, 2, abstractName.length));
        assertEquals(1, java.nio.ByteBuffer.wrap(path, 0, 2).order(java.nio.ByteOrder.nativeOrder()).getShort());
    }

    @Test
    void aSocketNameLongerThanAnAddressHoldsIsRefusedNamingTheLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnixDatagram.address("/" + "x".repeat(107)));
        assertTrue(e.getMessage().contains("108 bytes"), e.getMessage());
        assertEquals(110, UnixDatagram.address("@" + "x".repeat(107)).length);
    }
}
