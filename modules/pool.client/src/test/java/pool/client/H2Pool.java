package pool.client;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.LeakSuspect;
import pool.api.LiveSettings;
import pool.api.PoolConfig;
import pool.api.PoolListener;
import pool.api.PoolStats;

/**
 * Test double of a pool: every borrow opens a fresh H2 in-memory connection and
 * {@code close()} closes it, counting what is out. Enough to serve the remote layer,
 * which only borrows and closes; the real engine lands from another branch.
 */
public final class H2Pool implements ConnectionPool {

    private final String name;
    private final String url;
    private final AtomicInteger out = new AtomicInteger();
    final List<BorrowRequest> requests = new CopyOnWriteArrayList<>();

    public H2Pool(String name) {
        this.name = name;
        this.url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }

    /** @return connections borrowed and not closed yet */
    public int borrowed() {
        return out.get();
    }

    /** A direct connection to the same database, bypassing the pool, to check what was committed. */
    public Connection direct() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public Connection borrow(BorrowRequest request) throws SQLException {
        requests.add(request);
        Connection physical = DriverManager.getConnection(url);
        out.incrementAndGet();
        AtomicInteger closedOnce = new AtomicInteger();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && closedOnce.getAndIncrement() == 0) {
                        out.decrementAndGet();
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override public String name() { return name; }
    @Override public Connection getConnection() throws SQLException { return borrow(BorrowRequest.DEFAULT); }
    @Override public Connection getConnection(String u, String p) throws SQLException { return getConnection(); }
    @Override public PoolConfig config() { return PoolConfig.builder(name).jdbcUrl(url).build(); }
    @Override public Optional<Connection> tryBorrow() throws SQLException { return Optional.of(getConnection()); }
    @Override public CompletableFuture<Connection> getConnectionAsync() { throw new UnsupportedOperationException(); }
    @Override public CompletableFuture<Connection> borrowAsync(BorrowRequest r) { throw new UnsupportedOperationException(); }
    @Override public PoolStats stats() { throw new UnsupportedOperationException(); }
    @Override public LiveSettings liveSettings() { throw new UnsupportedOperationException(); }
    @Override public void apply(LiveSettings s) { throw new UnsupportedOperationException(); }
    @Override public List<LeakSuspect> leakSuspects() { return List.of(); }
    @Override public int reclaimLeaks() { return 0; }
    @Override public void softEvict() { }
    @Override public void suspend() { }
    @Override public void resume() { }
    @Override public void runReaperNow() { }
    @Override public void addListener(PoolListener l) { }
    @Override public void removeListener(PoolListener l) { }
    @Override public boolean drainAndClose(Duration d) { return true; }
    @Override public void close() { }
    @Override public void setLoginTimeout(int seconds) { }
    @Override public int getLoginTimeout() { return 0; }
}
