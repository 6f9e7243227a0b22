package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.protocol.Op;
import pool.protocol.Result;
import pool.protocol.Rows;

/**
 * The session side of streaming in autocommit, on an in-memory H2 connection that
 * introduces itself as PostgreSQL's driver, with the calls that matter recorded. What
 * PostgreSQL itself does (portals, rollback of a failed statement) is tested against a
 * real server in pool.daemon's {@code RemotePostgresIT}.
 */
class ImplicitTransactionTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String INSERT_RETURNING =
            "select id from final table (insert into t select x, 'new ' || x from system_range(101, 150))";

    private String url;
    private Connection physical;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    /** H2 takes the read-only flag as a hint and forgets it; the posing connection keeps it, as drivers do. */
    private volatile boolean readOnly;
    private Session session;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:h2:mem:implicit" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table t(id int primary key, name varchar(20))");
            s.execute("insert into t select x, 'row ' || x from system_range(1, 100)");
        }
        physical = DriverManager.getConnection(url);
        session = new Session(1, new Login("app", null), 1, posingAs("PostgreSQL JDBC Driver", physical), TimeUnit.SECONDS.toNanos(30));
    }

    @AfterEach
    void close() throws SQLException {
        session.end(Runnable::run);
        physical.close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("shutdown");
        }
    }

    /** The connection, with the driver name it gives and the transaction calls made on it recorded. */
    private Connection posingAs(String driver, Connection real) throws SQLException {
        DatabaseMetaData md = real.getMetaData();
        DatabaseMetaData posing = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (p, m, a) -> m.getName().equals("getDriverName") ? driver : invoke(m, md, a));
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> {
                    switch (m.getName()) {
                        case "setAutoCommit" -> calls.add(m.getName() + "(" + a[0] + ")");
                        case "setReadOnly" -> {
                            calls.add(m.getName() + "(" + a[0] + ")");
                            readOnly = (Boolean) a[0];
                            return null;
                        }
                        case "isReadOnly" -> {
                            return readOnly;
                        }
                        case "commit", "rollback" -> calls.add(m.getName());
                        case "getMetaData" -> {
                            return posing;
                        }
                        default -> {
                        }
                    }
                    return invoke(m, real, a);
                });
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Result run(Op op) throws SQLException {
        return Dispatcher.run(session, op);
    }

    private static Op.Execute query(String sql, int fetchSize) {
        return new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, sql, null, fetchSize, 0, 0, null);
    }

    private static Op.Execute update(String sql) {
        return new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.UPDATE, sql, null, 0, 0, 0, null);
    }

    /** @return rows matching {@code where} that another connection sees: committed ones */
    private int committed(String where) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from t where " + where)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private Object clientSees(Op.Property property) throws SQLException {
        return ((Result.Value) run(new Op.Get(property))).value();
    }

    /** Reads a cursor to its end. @return the ids read, after {@code first} */
    private int readToTheEnd(long cursor, int first) throws SQLException {
        int n = first;
        Rows rows;
        do {
            rows = ((Result.Fetched) run(new Op.Fetch(cursor, 0))).rows();
            n += rows.size();
        } while (!rows.last());
        return n;
    }

    @Test
    void writesLockingReadsAndQueriesWithAFetchSizeStreamFromTheStart() throws SQLException {
        for (String sql : List.of(INSERT_RETURNING, "select id from t for update", "select id from t order by id")) {
            calls.clear();
            Result.Executed e = (Result.Executed) run(query(sql, sql.startsWith("select id from t order") ? 10 : 0));
            assertEquals("setAutoCommit(false)", calls.get(0), sql);
            if (e.cursor() != 0) {
                run(new Op.CloseCursor(e.cursor()));
            }
        }
    }

    @Test
    void aQueryInAutocommitRunsInATransactionThatCommitsWithItsLastRow() throws SQLException {
        Result.Executed e = (Result.Executed) run(query(INSERT_RETURNING, 10));
        assertTrue(e.holdsTransaction());
        assertEquals(10, e.rows().size());
        assertFalse(physical.getAutoCommit(), "the daemon's transaction");
        assertEquals(true, clientSees(Op.Property.AUTO_COMMIT), "the client's view");
        assertEquals(0, committed("id > 100"), "not committed while its result is read");
        assertEquals(50, readToTheEnd(e.cursor(), 10));
        assertEquals(50, committed("id > 100"));
        assertTrue(physical.getAutoCommit());
        assertTrue(session.idle());
        assertEquals(List.of("setAutoCommit(false)", "commit", "setAutoCommit(true)"), calls);
    }

    @Test
    void aResultClosedEarlyCommitsAtOnce() throws SQLException {
        Result.Executed e = (Result.Executed) run(query(INSERT_RETURNING, 10));
        run(new Op.CloseCursor(e.cursor()));
        assertEquals(50, committed("id > 100"));
        assertTrue(physical.getAutoCommit());
        assertTrue(session.idle());
    }

    @Test
    void aResultWithinOneBatchCommitsInTheSameCall() throws SQLException {
        Result.Executed e = (Result.Executed) run(query("select id from t where id <= 5", 10));
        assertFalse(e.holdsTransaction());
        assertEquals(0, e.cursor());
        assertTrue(e.rows().last());
        assertTrue(physical.getAutoCommit());
        assertEquals(List.of("setAutoCommit(false)", "commit", "setAutoCommit(true)"), calls);
    }

    @Test
    void anotherStatementWhileAResultIsOpenEndsItFirstAndTheResultReadsOn() throws SQLException {
        Result.Executed e = (Result.Executed) run(query("select id from t order by id", 10));
        assertTrue(e.holdsTransaction());
        run(update("insert into t values (200, 'second')"));
        assertEquals(1, committed("id = 200"), "the second statement ran in autocommit");
        assertTrue(physical.getAutoCommit());
        long sum = 0;
        for (Object[] row : e.rows().data()) {
            sum += (Integer) row[0];
        }
        Rows rows;
        do {
            rows = ((Result.Fetched) run(new Op.Fetch(e.cursor(), 0))).rows();
            for (Object[] row : rows.data()) {
                sum += (Integer) row[0];
            }
        } while (!rows.last());
        assertEquals(100 * 101 / 2, sum, "the first result, read from the daemon's memory, is whole and in order");
        assertTrue(session.idle());
    }

    @Test
    void releasingTheSessionCommitsTheStatementWithoutARollback() throws SQLException {
        run(query(INSERT_RETURNING, 10));
        session.end(Runnable::run);
        assertEquals(50, committed("id > 100"), "the statement ran in autocommit as far as the client knows");
        assertEquals(List.of("setAutoCommit(false)", "commit", "setAutoCommit(true)"), calls);
    }

    @Test
    void aReadOnlyConnectionIsReadWriteInsideAndReadOnlyAgainAfter() throws SQLException {
        session.connection.setReadOnly(true);
        calls.clear();
        Result.Executed e = (Result.Executed) run(query("select id from t", 10));
        assertFalse(readOnly, "the driver would begin the transaction READ ONLY");
        assertEquals(true, clientSees(Op.Property.READ_ONLY));
        run(new Op.CloseCursor(e.cursor()));
        assertTrue(readOnly);
        assertEquals(List.of("setAutoCommit(false)", "setReadOnly(false)", "commit", "setReadOnly(true)",
                "setAutoCommit(true)"), calls);
    }

    @Test
    void statementsThatAreNotQueriesAndTransactionsOfTheClientRunAsTheyAre() throws SQLException {
        run(new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.ANY, "create table u(x int)", null, 0, 0, 0, null));
        run(update("insert into t values (300, 'plain')"));
        assertEquals(List.of(), calls);
        run(new Op.Set(Op.Property.AUTO_COMMIT, false));
        calls.clear();
        Result.Executed e = (Result.Executed) run(query("select id from t", 10));
        assertFalse(e.holdsTransaction());
        assertEquals(List.of(), calls, "the client's own transaction needs none");
    }

    @Test
    void onAPoolWithReplicasAReadTheClassifierIsSureOfStreamsInAReadOnlyTransaction() throws SQLException {
        Session routed = routedSession();
        Result.Executed e = (Result.Executed) Dispatcher.run(routed, query("select id from t order by id", 10));
        assertTrue(e.holdsTransaction());
        assertEquals(false, ((Result.Value) Dispatcher.run(routed, new Op.Get(Op.Property.READ_ONLY))).value(),
                "the client's flag, not the transaction's");
        Dispatcher.run(routed, new Op.CloseCursor(e.cursor()));
        assertFalse(readOnly);
        assertEquals(List.of("setAutoCommit(false)", "setReadOnly(true)", "commit", "setReadOnly(false)",
                "setAutoCommit(true)"), calls, "the routing sends a read-only transaction to a replica");
        routed.end(Runnable::run);
    }

    @Test
    void onAPoolWithReplicasAnUnsureQueryStreamsReadWriteAndAReadOnlyClientStaysReadOnly() throws SQLException {
        Session routed = routedSession();
        Result.Executed e = (Result.Executed) Dispatcher.run(routed, query(INSERT_RETURNING, 10));
        Dispatcher.run(routed, new Op.CloseCursor(e.cursor()));
        assertEquals(List.of("setAutoCommit(false)", "commit", "setAutoCommit(true)"), calls,
                "a write goes to the primary, as in autocommit");
        Dispatcher.run(routed, new Op.Set(Op.Property.READ_ONLY, true));
        calls.clear();
        e = (Result.Executed) Dispatcher.run(routed, query("select bitand(id, 1) from t", 10));
        Dispatcher.run(routed, new Op.CloseCursor(e.cursor()));
        assertTrue(readOnly);
        assertEquals(List.of("setAutoCommit(false)", "commit", "setAutoCommit(true)"), calls,
                "explicit intent: the read-only flag stays, as the routing reads such a connection's statements on a replica");
        routed.end(Runnable::run);
    }

    /** A session of a pool with replicas, on a posing connection of its own (ending the session closes it). */
    private Session routedSession() throws SQLException {
        return new Session(3, new Login("app", null), 3, posingAs("PostgreSQL JDBC Driver", DriverManager.getConnection(url)),
                TimeUnit.SECONDS.toNanos(30), new Session.Shared(true));
    }

    @Test
    void driversThatStreamInAutocommitGetNoTransaction() throws SQLException {
        try (Connection plain = DriverManager.getConnection(url)) {
            Session other = new Session(2, new Login("app", null), 2, plain, TimeUnit.SECONDS.toNanos(30));
            Result.Executed e = (Result.Executed) Dispatcher.run(other, query("select id from t", 10));
            assertFalse(e.holdsTransaction());
            assertTrue(plain.getAutoCommit());
            other.end(Runnable::run);
        }
    }

    @Test
    void aBufferedResultGivesItsRowsThenTheErrorThatEndedIt() throws SQLException {
        Cursor.Buffered b = new Cursor.Buffered(new Object[][] {{1}, {2}, {3}}, new SQLException("boom", "22012"), 2);
        Rows r = b.read(2);
        assertEquals(2, r.size());
        assertFalse(r.last());
        r = b.read(2);
        assertEquals(1, r.size());
        assertFalse(r.last(), "the error still follows");
        assertEquals("22012", assertThrows(SQLException.class, () -> b.read(2)).getSQLState());

        Cursor.Buffered clean = new Cursor.Buffered(new Object[][] {{1}, {2}}, null, 2);
        assertTrue(clean.read(5).last());
    }
}
