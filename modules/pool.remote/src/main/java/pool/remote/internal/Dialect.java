package pool.remote.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.ZoneId;

/**
 * What differs between databases on the daemon's side of remote JDBC, chosen once per pool
 * from the driver of its first connection ({@link #ofDriver}); the sessions ask this
 * interface and never look at the driver's name themselves.
 *
 * <p>It is the remote half of what the engine's {@code pool.engine.internal.dialect.Dialect}
 * is to pooling (driver properties, session reset), with the same three kinds: PostgreSQL,
 * MariaDB, and the others. The two stay apart because each side sees something else: the
 * engine chooses by the pool's URL before any connection exists, while the daemon sees only a
 * {@link pool.api.ConnectionPool} (an engine pool, a routing or a tenancy pool) and its
 * connections. Both read SQL with the engine's lexer ({@code pool.engine.internal.sql}).
 */
interface Dialect {

    /** @return the dialect of the driver called {@code driverName} ({@code DatabaseMetaData.getDriverName()}) */
    static Dialect ofDriver(String driverName) {
        if (driverName == null) {
            return GenericDialect.PLAIN;
        }
        if (driverName.startsWith("PostgreSQL")) {
            return new PostgresDialect();
        }
        if (driverName.startsWith("MariaDB")) {
            return new MariaDbDialect();
        }
        if (driverName.startsWith("MySQL")) {
            return GenericDialect.READS_OPEN_RESULTS;
        }
        return GenericDialect.PLAIN;
    }

    /**
     * @return the SQLState of a wrong user name or password for a pool of {@code jdbcUrl}, as its
     *         driver says it: pgjdbc {@code 28P01} (PostgreSQL's invalid_password), Connector/J and
     *         the others {@code 28000}. Chosen by the URL: a login borrows no connection to ask the driver.
     */
    static String wrongPasswordState(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.regionMatches(true, 0, "jdbc:postgresql:", 0, 16) ? "28P01"
                : pool.protocol.Protocol.STATE_AUTH;
    }

    /**
     * @return whether the driver reads a result batch by batch only inside a transaction
     *         (pgjdbc reads it whole in autocommit): then a query that may outgrow one batch
     *         runs in an {@link ImplicitTransaction}
     */
    default boolean streamsOnlyInTransaction() {
        return false;
    }

    /**
     * @param call whether the statement is a call ({@code prepareCall})
     * @return the fetch size the driver is given for batches of {@code batch} rows: how many
     *         rows it reads ahead and holds in the daemon's heap
     */
    default int driverFetchSize(int batch, boolean call) {
        return batch;
    }

    /**
     * @return whether the driver reads the rest of an open streaming result into memory
     *         before it sends the next statement on the connection (MariaDB's and MySQL's do)
     */
    boolean readsOpenResultsBeforeNextStatement();

    /**
     * @return whether the driver writes an {@code OffsetDateTime}, {@code ZonedDateTime} or
     *         {@code Instant} as the local date-time of its JVM's zone (MariaDB Connector/J)
     */
    /** @return the driver, as the client needs to know it to word its own errors as the driver would */
    default pool.protocol.SessionInfo.Driver driver() {
        return pool.protocol.SessionInfo.Driver.OTHER;
    }

    default boolean offsetsInJvmZone() {
        return false;
    }

    /**
     * Sets the session's time zone to the client's, where the database keeps one that the
     * driver set from its JVM's zone at connect (PostgreSQL). Failures are logged, not thrown.
     */
    default void applySessionZone(Connection c, ZoneId client) {
    }

    /**
     * @param n         how many unnamed savepoints the session set before this one
     * @param savepoint the driver's savepoint
     * @return the id the driver gives the {@code n}-th unnamed savepoint of a connection of its own
     */
    default int unnamedSavepointId(int n, Savepoint savepoint) throws SQLException {
        return savepoint.getSavepointId();
    }

    /**
     * @return whether {@code sql} is one statement that returns rows and may run inside a
     *         transaction block the daemon begins for it; only asked where
     *         {@link #streamsOnlyInTransaction()}
     */
    default boolean streamableQuery(String sql) {
        return false;
    }

    /**
     * @return whether {@code sql} is a plain read by its text, worth running read-only once
     *         ({@link #readOnlyOnce}) before it streams; only asked where
     *         {@link #streamsOnlyInTransaction()}
     */
    default boolean plainRead(String sql) {
        return false;
    }

    /**
     * @return {@code sql}, a plain read, as text that runs it in a READ ONLY transaction of its
     *         own begun and committed in the same round trip, its rows the second result
     */
    default String readOnlyOnce(String sql) {
        throw new UnsupportedOperationException("no read-only-once form of a statement on this database");
    }

    /**
     * @return whether {@code sql} surely only reads (the routing classifier's
     *         {@code READ}): its implicit transaction may then be read-only, and run on a
     *         replica where the pool has replicas
     */
    boolean onlyReads(String sql);
}
