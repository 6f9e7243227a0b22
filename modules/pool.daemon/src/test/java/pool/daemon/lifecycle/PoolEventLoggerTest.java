package pool.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.LeakSuspect;
import pool.api.PoolEvent;
import pool.api.PoolState;
import pool.api.PoolStats;

class PoolEventLoggerTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger jul = Logger.getLogger("poold.pool");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final PoolEventLogger logger = new PoolEventLogger("orders");
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void listen() {
        jul.addHandler(capture);
        jul.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(capture);
    }

    @Test
    void anOutageIsOneWarningAndItsEndOneLine() {
        for (int i = 0; i < 5; i++) {
            logger.onEvent(new PoolEvent.CreateFailed("orders", t0.plusSeconds(i), "Connection refused", false));
        }
        logger.onEvent(new PoolEvent.ConnectionCreated("orders", t0.plusSeconds(9), 1));
        logger.onEvent(new PoolEvent.ConnectionCreated("orders", t0.plusSeconds(9), 2));
        assertEquals(List.of(
                "WARNING pool 'orders': cannot open a connection: Connection refused (retrying in the background)",
                "INFO pool 'orders': connecting works again"), lines);
    }

    @Test
    void exhaustionIsReportedAtMostEveryTenSeconds() {
        PoolStats s = new PoolStats("orders", PoolState.RUNNING, t0, 10, 0, 10, 3, 0, 10,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        logger.onEvent(new PoolEvent.PoolExhausted("orders", t0, s));
        logger.onEvent(new PoolEvent.PoolExhausted("orders", t0.plusSeconds(5), s));
        logger.onEvent(new PoolEvent.PoolExhausted("orders", t0.plusSeconds(10), s));
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("WARNING pool 'orders' exhausted: 10 active, 0 idle, 3 pending, maxSize 10"
                + " (further reports suppressed for 10s)", lines.getFirst());
    }

    @Test
    void aConnectionOfAPartOfThePoolNamesThePart() {
        // A sharded pool's sub-pools (and a replica's pool) number their connections each from 1.
        var suspect = new LeakSuspect(1, "worker-1", t0, Duration.ofSeconds(65), List.of());
        logger.onEvent(new PoolEvent.LeakSuspected("orders.acme", t0, suspect));
        logger.onEvent(new PoolEvent.LeakSuspected("orders.others", t0, suspect));
        assertEquals(List.of("WARNING pool 'orders': connection 1 of orders.acme held for 65s by thread worker-1: leak"
                + " suspected", "WARNING pool 'orders': connection 1 of orders.others held for 65s by thread worker-1:"
                + " leak suspected"), lines);
    }

    @Test
    void leakSuspectNamesConnectionThreadAndTime() {
        var suspect = new LeakSuspect(7, "http-nio-8080-exec-3", t0, Duration.ofSeconds(65), List.of());
        logger.onEvent(new PoolEvent.LeakSuspected("orders", t0, suspect));
        assertEquals(List.of("WARNING pool 'orders': connection 7 held for 65s by thread http-nio-8080-exec-3:"
                + " leak suspected"), lines);
    }
}
