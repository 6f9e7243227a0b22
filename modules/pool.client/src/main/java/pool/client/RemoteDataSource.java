package pool.client;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import pool.api.Intent;
import pool.api.Priority;
import pool.client.internal.Counters;
import pool.client.internal.Link;
import pool.client.internal.LinkCache;
import pool.client.internal.Links;
import pool.client.internal.Locator;
import pool.client.internal.RemoteConnection;
import pool.client.internal.Wrappers;
import pool.protocol.Borrow;

/**
 * A {@link DataSource} for a pool in a poold daemon: connections are borrowed from the
 * daemon's pool and their JDBC calls run there, so the application needs no JDBC driver.
 *
 * <pre>{@code
 * RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:1099/pools/orders")
 *         .user("app").password(secret).tenant("shop-eu").build();
 * try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) { ... }
 * }</pre>
 *
 * <p>Cost: the first {@code getConnection()} looks the pool up and logs in (wrong
 * credentials fail there, SQLState 28P01 on a PostgreSQL pool, 28000 on others). After that, {@code getConnection()} costs no
 * call: the connection is borrowed by its first operation, and borrow, a prepared
 * query, its rows (up to the fetch size) and {@code close()} cost two round trips.
 * Exhaustion of the pool is reported by that first operation.
 *
 * <p>Failure: a call in flight when the daemon goes away fails with SQLState 08006;
 * the next {@code getConnection()} looks the pool up again and logs in again by
 * itself. Connections held across a daemon restart are gone (their transactions were
 * rolled back) and report 08006.
 *
 * <p>Thread-safe; connections follow JDBC's rules (one thread at a time, except
 * {@code Statement.cancel()}).
 */
public final class RemoteDataSource implements DataSource, AutoCloseable {

    /** Default of {@link Builder#releaseDelay}: 1 ms. */
    public static final Duration DEFAULT_RELEASE_DELAY = Duration.ofMillis(1);

    private static final Duration MIN_RELEASE_DELAY = Duration.ofNanos(100_000);

    private final Locator locator;
    private final String user;
    private final String tenant;
    private final Borrow borrow;
    private final boolean releaseBetweenStatements;
    /** The logins: this data source's own, or shared with others of the same settings ({@link Builder#buildShared()}). */
    private final Links links;
    /** Whether {@link #close()} ends the logins: not when they are shared. */
    private final boolean ownsLinks;
    /** Set by {@link #close()} of a data source whose logins it ends: see {@link #connect}. */
    private volatile boolean closed;
    /** Marks the connections borrowed through this data source, which {@link #close()} gives back (the logins may be shared). */
    private final Object origin = new Object();
    private volatile int loginTimeout;
    private volatile PrintWriter logWriter;

    private RemoteDataSource(Builder b, Links links, boolean ownsLinks) {
        this.locator = b.locator;
        this.user = b.user;
        this.tenant = b.tenant;
        this.borrow = new Borrow(b.intent, b.priority, b.borrowTimeout == null ? -1 : b.borrowTimeout.toMillis());
        this.releaseBetweenStatements = b.releaseBetweenStatements;
        this.links = links;
        this.ownsLinks = ownsLinks;
    }

    /**
     * @param url {@code rmi://host:port/pools/<pool>} ({@code rmis://} for TLS), or
     *            {@code poold://host:port/<pool>} ({@code poolds://} for TLS)
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    public static Builder builder(String url) {
        return new Builder(Locator.parse(url, null));
    }

    /** @return a builder for pool {@code pool} at {@code host:port} */
    public static Builder builder(String host, int port, String pool) {
        return new Builder(new Locator(host, port, pool, false));
    }

    /** @return the URL of the pool, {@code rmi://host:port/pools/<pool>} */
    public String url() {
        return locator.toString();
    }

    /** @return the name of the pool in the daemon */
    public String poolName() {
        return locator.pool();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(links.own());
    }

    /** Logs in as {@code username} once per user and password (a changed password makes a new login). */
    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        return connect(links.of(username, pass));
    }

    private Connection connect(Link l) throws SQLException {
        if (closed) {
            // Its lease renewals are stopped: a connection handed out now would lose its session,
            // and its transaction, a lease after, at whatever it does next.
            throw new SQLNonTransientConnectionException(this + " is closed: build a new data source", "08001");
        }
        l.ensureLoggedIn(loginTimeout); // a no-op once logged in: no round trip
        return new RemoteConnection(l, borrow, url(), releaseBetweenStatements, origin);
    }

    /** @return what this data source has asked of the daemon so far */
    public ClientStats stats() {
        Counters counters = links.counters();
        return new ClientStats(counters.roundTrips.sum(), counters.lookups.sum(), counters.logins.sum(),
                counters.renewals.sum(), counters.linkFailures.sum(), counters.channels.sum());
    }

    /**
     * Ends what this data source holds in the daemon at once, as an application server expects
     * when it stops the application: the connections borrowed through it and still open are
     * aborted (a call in flight fails now, later calls fail as on a closed connection) and their
     * daemon connections rolled back and given back, with those of connections closed in the
     * last moments (see {@link Builder#releaseDelay}); it waits for the daemon at most 5 s.
     * Unless the logins are shared it also stops them, and {@code getConnection} fails with
     * SQLState 08001. A data source of {@link Builder#buildShared()} leaves the shared logins, and
     * the connections the other data sources of them borrowed, to the others, and stays usable.
     */
    @Override
    public void close() {
        if (ownsLinks) {
            closed = true;
            links.close();
        } else {
            links.giveBack(origin);
        }
    }

    /**
     * Gives back now the sessions of connections closed in the last moments (see
     * {@link Builder#releaseDelay}); connections still open, and the data source, stay as they
     * are (a JNDI context closed after a lookup flushes its data sources so).
     */
    public void flush() {
        links.flush();
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    /**
     * Bounds the lookup and login of a {@code getConnection()} that must log in (the first,
     * and the first after the daemon went away): past it, that call fails with an
     * {@link java.sql.SQLTimeoutException} of SQLState 08001. 0, the default: as long as RMI
     * waits (a minute for a daemon that accepts and does not answer). Borrows are bounded by
     * the pool's {@code borrowTimeout} or {@link Builder#borrowTimeout}, calls by
     * {@link Connection#setNetworkTimeout}.
     */
    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("RemoteDataSource.getParentLogger(): poold's client logs nothing");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "RemoteDataSource[" + url() + ", user " + user + (tenant == null ? "" : ", tenant " + tenant) + "]";
    }

    /** Builder of {@link RemoteDataSource}. */
    public static final class Builder {
        private Locator locator;
        private String user;
        private char[] password;
        private String tenant;
        private Intent intent = Intent.READ_WRITE;
        private Priority priority = Priority.NORMAL;
        private Duration borrowTimeout;
        private boolean releaseBetweenStatements;
        private Duration releaseDelay = DEFAULT_RELEASE_DELAY;

        private Builder(Locator locator) {
            this.locator = locator;
        }

        /** The pool user. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The pool user's password. */
        public Builder password(String password) {
            this.password = password == null ? null : password.toCharArray();
            return this;
        }

        /** The pool user's password; the array is copied. */
        public Builder password(char[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }

        /** The tenant borrows are charged to; none by default. */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /** Read/write intent of every borrow; {@link Intent#READ_WRITE} by default. */
        public Builder intent(Intent intent) {
            this.intent = Objects.requireNonNull(intent, "intent");
            return this;
        }

        /** Waiting priority of every borrow; {@link Priority#NORMAL} by default. */
        public Builder priority(Priority priority) {
            this.priority = Objects.requireNonNull(priority, "priority");
            return this;
        }

        /** Longest wait for a connection in the daemon; the pool's borrowTimeout by default. */
        public Builder borrowTimeout(Duration timeout) {
            this.borrowTimeout = timeout;
            return this;
        }

        /**
         * Transaction pooling, as pgbouncer calls it: in autocommit, a connection goes back
         * to the daemon's pool after each statement whose rows were all delivered, so
         * borrow, query, rows and return cost <em>one</em> round trip, and an idle
         * {@code Connection} holds nothing in the daemon. The next statement may run on
         * another physical connection: session state set <em>through SQL</em> ({@code SET},
         * temporary tables, session locks) does not carry over. State set through JDBC
         * (setters, savepoints) and transactions ({@code setAutoCommit(false)}) keep the
         * physical connection as usual. Off by default.
         */
        public Builder releaseBetweenStatements(boolean release) {
            this.releaseBetweenStatements = release;
            return this;
        }

        /**
         * How long the daemon's connection of a {@code Connection} closed in autocommit may
         * wait to be given back: it rides along with the next call any connection of this
         * data source makes, so that a close costs no round trip of its own, or goes alone
         * after this delay. Default 1 ms; {@link Duration#ZERO} makes every {@code close()}
         * give it back in a call of its own, before it returns. A connection closed with
         * anything open in the daemon (a transaction, autocommit being off; a result not read
         * to its end; a setter not applied yet) is always cleaned up (rolled back, closed) and
         * given back before {@code close()} returns. {@link #close()} of the data source and
         * the JVM's exit give back whatever is still waiting; until then the daemon counts
         * the connection as in use.
         *
         * @throws IllegalArgumentException unless zero or from 100 µs to 1 s (a shorter delay
         *         would keep a timer thread busy looking)
         */
        public Builder releaseDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (!delay.isZero() && (delay.compareTo(MIN_RELEASE_DELAY) < 0 || delay.compareTo(Duration.ofSeconds(1)) > 0)) {
                throw new IllegalArgumentException("releaseDelay must be 0 (give back in close()) or from 100 µs to 1 s, not "
                        + delay.toNanos() / 1000 + " µs");
            }
            this.releaseDelay = delay;
            return this;
        }

        /** Speak TLS to the registry and the pool (the daemon must be configured for it). */
        public Builder tls(boolean tls) {
            this.locator = new Locator(locator.host(), locator.port(), locator.pool(), tls);
            return this;
        }

        /** @return a data source with logins of its own, which {@link RemoteDataSource#close()} ends */
        public RemoteDataSource build() {
            return new RemoteDataSource(this, new Links(locator, user, password, tenant, releaseDelay), true);
        }

        /**
         * Like {@link #build()}, but the data source shares its logins, its call channels and
         * its {@link RemoteDataSource#stats() stats} with every other data source built this way
         * in this JVM with the same URL, user, password, tenant and release delay: however many
         * are built, they log in once (each login costs the daemon a full password check). Intent, priority,
         * borrow timeout and {@link #releaseBetweenStatements} stay each data source's own.
         * {@link RemoteDataSourceFactory} and {@code PooldContextFactory} build their data
         * sources this way, for application servers that call them on every lookup.
         *
         * <p>The shared logins end when no data source and no connection of them is referenced
         * any more; the library keeps at most 64 settings, each for 15 minutes after it was last
         * built, and never keeps a data source alive. {@link RemoteDataSource#close()} of a
         * shared data source gives back what waits to be given back and leaves the logins to the
         * others (an application server closing one application's data source must not break
         * another's). The library finds the shared logins by a keyed digest of the password; it
         * keeps no copy of a password beyond the logins' own.
         */
        public RemoteDataSource buildShared() {
            return new RemoteDataSource(this, LinkCache.shared().get(locator, user, password, tenant, releaseDelay), false);
        }
    }
}
