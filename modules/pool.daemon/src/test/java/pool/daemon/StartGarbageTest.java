package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.spi.ConnectionFactory;
import pool.engine.Pools;

class StartGarbageTest {

    private static final HotSpotDiagnosticMXBean VM = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void theHeapFreeRatiosTheJvmStartedWithComeBack() {
        String min = VM.getVMOption("MinHeapFreeRatio").getValue();
        String max = VM.getVMOption("MaxHeapFreeRatio").getValue();
        StartGarbage.release();
        assertEquals(min, VM.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals(max, VM.getVMOption("MaxHeapFreeRatio").getValue());
    }

    @Test
    void ratiosSetForTheProcessComeBackToo() {
        String min = VM.getVMOption("MinHeapFreeRatio").getValue();
        String max = VM.getVMOption("MaxHeapFreeRatio").getValue();
        try {
            VM.setVMOption("MaxHeapFreeRatio", "90");
            VM.setVMOption("MinHeapFreeRatio", "50");
            StartGarbage.release();
            assertEquals("50", VM.getVMOption("MinHeapFreeRatio").getValue());
            assertEquals("90", VM.getVMOption("MaxHeapFreeRatio").getValue());
        } finally {
            VM.setVMOption("MinHeapFreeRatio", min);
            VM.setVMOption("MaxHeapFreeRatio", max);
        }
    }

    @Test
    void ratiosNarrowerThanItsOwnAreLeftAloneAndTheDaemonGoesOn() {
        String min = VM.getVMOption("MinHeapFreeRatio").getValue();
        String max = VM.getVMOption("MaxHeapFreeRatio").getValue();
        try {
            VM.setVMOption("MinHeapFreeRatio", "2");
            VM.setVMOption("MaxHeapFreeRatio", "5");
            StartGarbage.release(); // 10 is above the maximum of 5: refused by the JVM, not thrown
            assertEquals("2", VM.getVMOption("MinHeapFreeRatio").getValue());
            assertEquals("5", VM.getVMOption("MaxHeapFreeRatio").getValue());
        } finally {
            VM.setVMOption("MaxHeapFreeRatio", max);
            VM.setVMOption("MinHeapFreeRatio", min);
        }
    }

    /** H2 connections, each opened after {@code delayMillis}; failing every time when {@code fail}. */
    private static ConnectionFactory slowH2(long delayMillis, boolean fail, AtomicInteger opened) {
        String url = "jdbc:h2:mem:garbage_" + UUID.randomUUID().toString().replace("-", "");
        return new ConnectionFactory() {
            @Override
            public Connection create() throws SQLException {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted", e);
                }
                if (fail) {
                    throw new SQLException("the database is down", "08001");
                }
                opened.incrementAndGet();
                return DriverManager.getConnection(url + ";DB_CLOSE_DELAY=-1", "sa", "");
            }

            @Override
            public boolean validate(Connection connection, Duration timeout) {
                return ConnectionFactory.validate(connection, null, timeout);
            }
        };
    }

    private static PoolConfig minIdle(int n) {
        return PoolConfig.builder("garbage").jdbcUrl("jdbc:h2:mem:garbage").minIdle(n).maxSize(4).build();
    }

    @Test
    void theCollectionWaitsForThePoolsFirstConnections() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        try (ConnectionPool pool = Pools.create(minIdle(2), slowH2(300, false, opened))) {
            StartGarbage.releaseAfterFirstFill(() -> List.of(pool), Duration.ofSeconds(60), new CountDownLatch(1));
            assertTrue(pool.stats().total() >= 2, pool.stats().toString());
            assertTrue(opened.get() >= 2, "opened " + opened.get());
        }
    }

    @Test
    void aPoolThatCannotConnectDoesNotHoldTheCollectionUp() throws Exception {
        try (ConnectionPool pool = Pools.create(minIdle(2), slowH2(0, true, new AtomicInteger()))) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> StartGarbage.releaseAfterFirstFill(
                    () -> List.of(pool), Duration.ofHours(1), new CountDownLatch(1)));
            assertTrue(pool.stats().createFailureCount() > 0, pool.stats().toString());
        }
    }

    @Test
    void aStopEndsTheWait() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        try (ConnectionPool pool = Pools.create(minIdle(2), slowH2(60_000, false, new AtomicInteger()))) {
            stopped.countDown();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> StartGarbage.releaseAfterFirstFill(
                    () -> List.of(pool), Duration.ofHours(1), stopped));
            assertEquals(0, pool.stats().total());
        }
    }

    @Test
    void aPoolWithoutMinIdleIsFilledAtOnce() throws Exception {
        try (ConnectionPool pool = Pools.create(minIdle(0), slowH2(60_000, false, new AtomicInteger()))) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> StartGarbage.releaseAfterFirstFill(
                    () -> List.of(pool), Duration.ofHours(1), new CountDownLatch(1)));
        }
    }
}
