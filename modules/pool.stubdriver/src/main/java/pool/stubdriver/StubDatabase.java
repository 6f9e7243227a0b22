package pool.stubdriver;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One named stub "database": the knobs tests turn and the counters they read. Every
 * {@code jdbc:stub:<name>} URL with the same name shares one instance. All knobs and
 * counters are thread-safe; counters on the hot path are {@link LongAdder}s so that
 * benchmarks measure the pool, not the stub.
 */
public final class StubDatabase {

    private static final Map<String, StubDatabase> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicLong UNIQUE = new AtomicLong();

    private final String name;
    private final AtomicInteger failNextConnects = new AtomicInteger();
    private volatile String connectFailureState = "08001";
    private volatile boolean configurationError;
    private volatile long connectLatencyNanos;
    private volatile boolean valid = true;
    private volatile long validationLatencyNanos;
    private volatile int resultRows = 1;
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong connectAttempts = new AtomicLong();
    private final AtomicInteger concurrentConnects = new AtomicInteger();
    private final AtomicInteger maxConcurrentConnects = new AtomicInteger();
    private final LongAdder statementsExecuted = new LongAdder();
    private final LongAdder validations = new LongAdder();
    private final List<StubConnection> live = new CopyOnWriteArrayList<>();
    private volatile Properties lastConnectProperties = new Properties();

    private StubDatabase(String name) {
        this.name = name;
    }

    /** @return the database for {@code name}, created on first use */
    public static StubDatabase named(String name) {
        return DATABASES.computeIfAbsent(name, StubDatabase::new);
    }

    /** @return a fresh database with a name no one else uses (one per test keeps tests apart) */
    public static StubDatabase unique(String prefix) {
        return named(prefix + "-" + UNIQUE.incrementAndGet());
    }

    static String nameOf(String url) {
        String rest = url.substring(StubDriver.PREFIX.length());
        int cut = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '?' || c == ';') {
                cut = i;
                break;
            }
        }
        return rest.substring(0, cut);
    }

    /** @return this database's name */
    public String name() {
        return name;
    }

    /** @return the JDBC URL of this database */
    public String url() {
        return StubDriver.PREFIX + name;
    }

    // ---- knobs ---------------------------------------------------------------------

    /** The next {@code n} connects fail with a transient error (SQLState 08001). */
    public StubDatabase failNextConnects(int n) {
        connectFailureState = "08001";
        failNextConnects.set(n);
        return this;
    }

    /** The next {@code n} connects fail with {@code sqlState}. */
    public StubDatabase failNextConnects(int n, String sqlState) {
        connectFailureState = sqlState;
        failNextConnects.set(n);
        return this;
    }

    /** While on, every connect fails like a bad password (SQLState 28P01). */
    public StubDatabase configurationError(boolean on) {
        configurationError = on;
        return this;
    }

    /** Every connect takes this long (parked, so virtual threads are not pinned). */
    public StubDatabase connectLatency(Duration d) {
        connectLatencyNanos = d.toNanos();
        return this;
    }

    /** Whether {@code isValid} answers true on connections that are not broken or closed. */
    public StubDatabase valid(boolean v) {
        valid = v;
        return this;
    }

    /** Every {@code isValid} takes this long. */
    public StubDatabase validationLatency(Duration d) {
        validationLatencyNanos = d.toNanos();
        return this;
    }

    /** Rows each query returns (one int column). Default 1. */
    public StubDatabase resultRows(int rows) {
        resultRows = rows;
        return this;
    }

    /** Breaks every open connection, as a database restart would. */
    public void breakAll() {
        for (StubConnection c : live) {
            c.breakConnection();
        }
    }

    /** Resets knobs and counters (connections already open stay open). */
    public void reset() {
        failNextConnects.set(0);
        configurationError = false;
        connectLatencyNanos = 0;
        valid = true;
        validationLatencyNanos = 0;
        resultRows = 1;
        opened.set(0);
        closed.set(0);
        connectAttempts.set(0);
        maxConcurrentConnects.set(0);
        statementsExecuted.reset();
        validations.reset();
    }

    // ---- counters ------------------------------------------------------------------

    /** @return physical connections opened */
    public long opened() {
        return opened.get();
    }

    /** @return physical connections closed */
    public long closed() {
        return closed.get();
    }

    /** @return physical connections open now */
    public long openNow() {
        return opened.get() - closed.get();
    }

    /** @return connect attempts, failed or not */
    public long connectAttempts() {
        return connectAttempts.get();
    }

    /** @return the most connects that were in progress at the same time */
    public int maxConcurrentConnects() {
        return maxConcurrentConnects.get();
    }

    /** @return statements executed on all connections */
    public long statementsExecuted() {
        return statementsExecuted.sum();
    }

    /** @return isValid calls */
    public long validations() {
        return validations.sum();
    }

    /** @return the connections open now */
    public List<StubConnection> openConnections() {
        return List.copyOf(live);
    }

    /** @return the properties the last connect was given (user, password, driver properties) */
    public Properties lastConnectProperties() {
        return lastConnectProperties;
    }

    /** Opens a connection directly, without DriverManager (user "stub"). */
    public StubConnection connectForTest() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "stub");
        return connect(p);
    }

    // ---- driver side ---------------------------------------------------------------

    StubConnection connect(Properties info) throws SQLException {
        connectAttempts.incrementAndGet();
        lastConnectProperties = info == null ? new Properties() : (Properties) info.clone();
        int now = concurrentConnects.incrementAndGet();
        maxConcurrentConnects.accumulateAndGet(now, Math::max);
        try {
            long latency = connectLatencyNanos;
            if (latency > 0) {
                parkFor(latency);
            }
            if (configurationError) {
                throw new SQLException("stub: password authentication failed for user \""
                        + info.getProperty("user", "") + "\"", "28P01");
            }
            for (int n = failNextConnects.get(); n > 0; n = failNextConnects.get()) {
                if (failNextConnects.compareAndSet(n, n - 1)) {
                    throw new SQLException("stub: connection refused (simulated, " + (n - 1) + " more to fail)",
                            connectFailureState);
                }
            }
            StubConnection c = new StubConnection(this, nextId.incrementAndGet());
            live.add(c);
            opened.incrementAndGet();
            return c;
        } finally {
            concurrentConnects.decrementAndGet();
        }
    }

    void closed(StubConnection c) {
        live.remove(c);
        closed.incrementAndGet();
    }

    void executed() {
        statementsExecuted.increment();
    }

    boolean validate() {
        validations.increment();
        long latency = validationLatencyNanos;
        if (latency > 0) {
            parkFor(latency);
        }
        return valid;
    }

    int resultRows() {
        return resultRows;
    }

    static void parkFor(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "StubDatabase[" + name + ", open=" + openNow() + "]";
    }
}
