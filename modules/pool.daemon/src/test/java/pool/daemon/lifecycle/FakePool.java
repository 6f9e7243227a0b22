package pool.daemon.lifecycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.LeakSuspect;
import pool.api.LiveSettings;
import pool.api.PoolConfig;
import pool.api.PoolListener;
import pool.api.PoolState;
import pool.api.PoolStats;

/**
 * A pool without connections, recording what the registry does to it: the live
 * settings applied, whether and how it was drained and closed. Borrowing is not
 * what these tests are about, so it is refused.
 */
public final class FakePool implements ConnectionPool {

    private final PoolConfig created;
    volatile LiveSettings live;
    final List<LiveSettings> applied = new CopyOnWriteArrayList<>();
    volatile Duration drainedWith;
    volatile boolean closed;
    volatile Runnable onDrain = () -> { };

    public FakePool(PoolConfig config) {
        this.created = config;
        this.live = config.liveSettings();
    }

    @Override
    public String name() {
        return created.name();
    }

    @Override
    public PoolConfig config() {
        return created.with(live);
    }

    @Override
    public LiveSettings liveSettings() {
        return live;
    }

    @Override
    public void apply(LiveSettings settings) {
        if (settings.minIdle() > settings.maxSize()) {
            throw new IllegalArgumentException("minIdle above maxSize");
        }
        applied.add(settings);
        live = settings;
    }

    @Override
    public boolean drainAndClose(Duration drainTimeout) {
        onDrain.run();
        drainedWith = drainTimeout;
        closed = true;
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public PoolStats stats() {
        return new PoolStats(name(), closed ? PoolState.CLOSED : PoolState.RUNNING, Instant.now(), 0, 0, 0, 0,
                live.minIdle(), live.maxSize(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public Connection borrow(BorrowRequest request) throws SQLException {
        throw new SQLFeatureNotSupportedException("fake pool");
    }

    @Override
    public Optional<Connection> tryBorrow() {
        return Optional.empty();
    }

    @Override
    public CompletableFuture<Connection> getConnectionAsync() {
        return CompletableFuture.failedFuture(new SQLFeatureNotSupportedException("fake pool"));
    }

    @Override
    public CompletableFuture<Connection> borrowAsync(BorrowRequest request) {
        return getConnectionAsync();
    }

    @Override
    public List<LeakSuspect> leakSuspects() {
        return List.of();
    }

    @Override
    public int reclaimLeaks() {
        return 0;
    }

    @Override
    public void softEvict() {
    }

    @Override
    public void suspend() {
    }

    @Override
    public void resume() {
    }

    @Override
    public void runReaperNow() {
    }

    @Override
    public void addListener(PoolListener listener) {
    }

    @Override
    public void removeListener(PoolListener listener) {
    }

    @Override
    public Connection getConnection() throws SQLException {
        throw new SQLFeatureNotSupportedException("fake pool");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("fake pool");
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }
}
