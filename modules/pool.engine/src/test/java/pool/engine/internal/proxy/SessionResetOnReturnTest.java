package pool.engine.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import pool.api.PoolConfig;
import pool.engine.StubPools;
import pool.engine.internal.EnginePool;
import pool.engine.internal.core.EngineTuning;
import pool.engine.internal.create.JdbcConnectionFactory;
import pool.engine.internal.dialect.Dialect;
import pool.engine.internal.dialect.SessionReset;
import pool.stubdriver.StubConnection;
import pool.stubdriver.StubDatabase;

/**
 * When reset-on-return resets the database session, and what it does then. The stub
 * database's dialect has no session reset (its connections are closed instead, as H2's
 * are); {@link RecordingDialect} stands for one that has (PostgreSQL, MariaDB).
 */
class SessionResetOnReturnTest {

    /** A dialect whose session reset and transaction ending only count their calls. */
    static final class RecordingDialect implements Dialect {
        final AtomicInteger resets = new AtomicInteger();
        final AtomicInteger captures = new AtomicInteger();
        final AtomicInteger endTransactions = new AtomicInteger();
        volatile boolean failReset;

        @Override
        public void driverProperties(Properties p, Duration connectTimeout, Duration socketTimeout) {
        }

        @Override
        public SessionReset sessionReset(Connection raw) {
            return new SessionReset() {
                @Override
                public void capture(Connection c) {
                    captures.incrementAndGet();
                }

                @Override
                public void reset(Connection c) throws SQLException {
                    resets.incrementAndGet();
                    if (failReset) {
                        throw new SQLException("reset failed", "08006");
                    }
                }
            };
        }

        @Override
        public boolean endTransaction(Connection raw) {
            endTransactions.incrementAndGet();
            return true;
        }
    }

    private static EnginePool retiring(StubDatabase db) throws SQLException {
        return StubPools.start(StubPools.config(db).maxSize(1).build());
    }

    private static EnginePool resetting(PoolConfig config, Dialect dialect) throws SQLException {
        return EnginePool.start(config, new JdbcConnectionFactory(config), EngineTuning.DEFAULTS, null, dialect);
    }

    /** Borrows, runs {@code work}, returns; then tells whether the next borrow got the same physical connection. */
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private static boolean sameConnectionAfter(EnginePool pool, Work work) throws SQLException {
        StubConnection first;
        try (Connection c = pool.getConnection()) {
            first = StubPools.raw(c);
            work.run(c);
        }
        try (Connection c = pool.getConnection()) {
            return StubPools.raw(c) == first;
        }
    }

    // ---- which borrows change the session --------------------------------------------

    @Test
    void plainReadsAndDataChangesKeepTheConnectionWithoutAnyCall() throws Exception {
        StubDatabase db = StubDatabase.unique("plain");
        try (EnginePool pool = retiring(db)) {
            assertTrue(sameConnectionAfter(pool, c -> {
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT * FROM t WHERE a = 'SET x'");
                    s.executeUpdate("UPDATE t SET a = 1");
                    s.addBatch("INSERT INTO t VALUES (1)");
                    s.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM orders WHERE id = ?")) {
                    ps.setLong(1, 42);
                    ps.executeQuery();
                }
            }));
            assertEquals(0, db.closed());
        }
    }

    @Test
    void sqlThatChangesTheSessionClosesTheConnectionWhereTheDatabaseHasNoReset() throws Exception {
        StubDatabase db = StubDatabase.unique("retire");
        try (EnginePool pool = retiring(db)) {
            assertFalse(sameConnectionAfter(pool, c -> c.createStatement().execute("SET SCHEMA other")));
            assertFalse(sameConnectionAfter(pool, c -> c.createStatement().executeQuery("SELECT SET(@x, 1)")));
            assertFalse(sameConnectionAfter(pool, c -> c.createStatement().executeUpdate("SET AUTOCOMMIT FALSE")));
            StubPools.await("closed", () -> db.closed() == 3);
        }
    }

    @Test
    void aPreparedStatementCountsWhenItRunsAndEveryTimeItRuns() throws Exception {
        StubDatabase db = StubDatabase.unique("prepared");
        try (EnginePool pool = retiring(db)) {
            assertTrue(sameConnectionAfter(pool, c -> c.prepareStatement("SET search_path = x")),
                    "prepared, never run: nothing changed");
            assertFalse(sameConnectionAfter(pool, c -> c.prepareStatement("SELECT set_config(?, ?, false)").execute()));
            assertFalse(sameConnectionAfter(pool, c -> c.prepareCall("{call p(?)}").execute()));
        }
    }

    @Test
    void sqlAddedToABatchCountsThoughTheBatchRunsLater() throws Exception {
        StubDatabase db = StubDatabase.unique("batch");
        try (EnginePool pool = retiring(db)) {
            assertFalse(sameConnectionAfter(pool, c -> {
                Statement s = c.createStatement();
                s.addBatch("INSERT INTO t VALUES (1)");
                s.addBatch("SET @x = 1");
                s.executeBatch();
            }));
        }
    }

    @Test
    void jdbcCallsThatReachTheSessionBehindThePoolsBackCountAsChanges() throws Exception {
        StubDatabase db = StubDatabase.unique("jdbc");
        try (EnginePool pool = retiring(db)) {
            assertFalse(sameConnectionAfter(pool, c -> c.setClientInfo("ApplicationName", "other")),
                    "PostgreSQL's driver sets application_name");
            assertFalse(sameConnectionAfter(pool, c -> c.setClientInfo(new Properties())));
            assertFalse(sameConnectionAfter(pool, c -> c.unwrap(StubConnection.class)),
                    "the driver's own connection runs what it likes");
            assertFalse(sameConnectionAfter(pool, c -> c.createStatement().unwrap(pool.stubdriver.StubStatement.class)));
            assertTrue(sameConnectionAfter(pool, c -> c.unwrap(Connection.class)), "the handle itself: nothing handed out");
        }
    }

    @Test
    void sqlTransactionControlInAutocommitIsEndedByTheDialectOrTheConnectionClosed() throws Exception {
        StubDatabase db = StubDatabase.unique("begin");
        try (EnginePool pool = retiring(db)) {
            assertFalse(sameConnectionAfter(pool, c -> c.createStatement().execute("BEGIN")),
                    "no dialect way to end it: closed");
        }
        RecordingDialect dialect = new RecordingDialect();
        StubDatabase db2 = StubDatabase.unique("begin2");
        try (EnginePool pool = resetting(StubPools.config(db2).maxSize(1).build(), dialect)) {
            assertTrue(sameConnectionAfter(pool, c -> c.createStatement().execute("BEGIN; INSERT INTO t VALUES (1)")));
            assertEquals(1, dialect.endTransactions.get());
            assertEquals(0, dialect.resets.get(), "a transaction is no session change");
            assertTrue(sameConnectionAfter(pool, c -> {
                c.setAutoCommit(false);
                c.createStatement().execute("SAVEPOINT a");
            }));
            assertEquals(1, dialect.endTransactions.get(), "outside autocommit the rollback on return ends it");
        }
    }

    @Test
    void aStaleStatementCannotMarkTheNextBorrowersSession() throws Exception {
        StubDatabase db = StubDatabase.unique("stale");
        try (EnginePool pool = retiring(db)) {
            Connection first = pool.getConnection();
            StubConnection raw = StubPools.raw(first);
            Statement stale = first.createStatement();
            first.close();
            try (Connection second = pool.getConnection()) {
                assertSame(raw, StubPools.raw(second));
                assertThrows(SQLException.class, () -> stale.execute("SET search_path = evil"));
                assertThrows(SQLException.class, () -> stale.addBatch("SET search_path = evil"));
                assertThrows(SQLException.class, () -> first.setClientInfo("ApplicationName", "x"));
            }
            try (Connection third = pool.getConnection()) {
                assertSame(raw, StubPools.raw(third), "the second borrow changed nothing");
            }
        }
    }

    // ---- what a session reset does -----------------------------------------------------

    @Test
    void aChangedSessionIsResetAndSetUpAgainOnTheSameConnection() throws Exception {
        RecordingDialect dialect = new RecordingDialect();
        StubDatabase db = StubDatabase.unique("setup");
        PoolConfig config = StubPools.config(db).maxSize(1).initSql("SET TIME ZONE 'UTC'")
                .defaultTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE).defaultSchema("app").build();
        try (EnginePool pool = resetting(config, dialect)) {
            StubConnection raw;
            try (Connection c = pool.getConnection()) {
                raw = StubPools.raw(c);
            }
            assertEquals(1, dialect.captures.get(), "what a reset must bring back, recorded after set-up");
            long executed = db.statementsExecuted();
            int isolationCalls = raw.setTransactionIsolationCalls();
            int schemaCalls = raw.setSchemaCalls();

            assertTrue(sameConnectionAfter(pool, c -> c.createStatement().executeQuery("SELECT 1")));
            assertEquals(0, dialect.resets.get());
            assertEquals(executed + 1, db.statementsExecuted(), "only the application's statement");

            assertTrue(sameConnectionAfter(pool, c -> c.createStatement().execute("SET search_path = evil")));
            assertEquals(1, dialect.resets.get());
            assertEquals(executed + 1 + 2, db.statementsExecuted(), "the application's SET, then the init SQL again");
            assertEquals(isolationCalls + 1, raw.setTransactionIsolationCalls(), "the configured isolation again");
            assertEquals(schemaCalls + 1, raw.setSchemaCalls(), "the configured schema again");
            assertEquals("app", raw.getSchema());
            assertEquals(0, db.closed());
        }
    }

    @Test
    void aSessionResetThatFailsClosesTheConnection() throws Exception {
        RecordingDialect dialect = new RecordingDialect();
        dialect.failReset = true;
        StubDatabase db = StubDatabase.unique("resetfails");
        try (EnginePool pool = resetting(StubPools.config(db).maxSize(1).build(), dialect)) {
            assertFalse(sameConnectionAfter(pool, c -> c.createStatement().execute("LISTEN jobs")));
            assertEquals(1, dialect.resets.get());
            StubPools.await("closed", () -> db.closed() == 1);
        }
    }

    @Test
    void initSqlRunsOnEveryNewConnectionAndItsFailureSaysSo() throws Exception {
        StubDatabase db = StubDatabase.unique("init");
        SessionSetup setup = new SessionSetup(StubPools.config(db).initSql("SET TIME ZONE 'UTC'").build(),
                Dialect.forUrl(db.url()));
        try (Connection c = db.connectForTest()) {
            SessionBaseline b = setup.establish(c);
            assertEquals(1, db.statementsExecuted());
            assertNull(b.sessionReset(), "the stub's dialect has none");
        }
        try (Connection c = db.connectForTest()) {
            Connection refusing = refusingStatements(c, new SQLException("syntax error at or near \"TIME\"", "42601"));
            SQLException e = assertThrows(SessionSetup.InitSqlException.class, () -> setup.establish(refusing));
            assertTrue(e.getMessage().startsWith("initSql failed: syntax error"), e.getMessage());
        }
        try (Connection c = db.connectForTest()) {
            // A connection that died meanwhile says nothing about the init SQL: a transient failure.
            ((StubConnection) c).breakConnection();
            SQLException e = assertThrows(SQLException.class, () -> setup.establish(c));
            assertFalse(e instanceof SessionSetup.InitSqlException, e.toString());
        }
    }

    @Test
    void aTestQueryTheDatabaseRefusesFailsTheNewConnectionNamingIt() throws Exception {
        StubDatabase db = StubDatabase.unique("testquery");
        SessionSetup setup = new SessionSetup(StubPools.config(db).testQuery("SELECT 1 FROM nowhere").build(),
                Dialect.forUrl(db.url()));
        try (Connection c = db.connectForTest()) {
            setup.establish(c);
            assertEquals(1, db.statementsExecuted(), "the test query, once");
        }
        try (Connection c = db.connectForTest()) {
            Connection refusing = refusingStatements(c, new SQLException("relation \"nowhere\" does not exist", "42P01"));
            SQLException e = assertThrows(SessionSetup.InitSqlException.class, () -> setup.establish(refusing));
            assertTrue(e.getMessage().startsWith("testQuery 'SELECT 1 FROM nowhere' failed on a new connection: "
                    + "relation \"nowhere\" does not exist; fix testQuery"), e.getMessage());
        }
    }

    /** @return {@code c} with every statement's execute failing with {@code failure} */
    private static Connection refusingStatements(Connection c, SQLException failure) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object r;
                    try {
                        r = method.invoke(c, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (r instanceof java.sql.Statement st) {
                        return java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                                new Class<?>[] {java.sql.Statement.class}, (p2, m2, a2) -> {
                                    if (m2.getName().startsWith("execute")) {
                                        throw failure;
                                    }
                                    try {
                                        return m2.invoke(st, a2);
                                    } catch (java.lang.reflect.InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                                });
                    }
                    return r;
                });
    }
}
