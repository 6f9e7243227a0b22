package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.rmi.registry.LocateRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Wire;
import pool.protocol.Reply;
import pool.protocol.Result;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;
import pool.testsupport.rmi.RawChannel;

/**
 * {@link RemoteJdbcScenarios} on a real PostgreSQL, and what only PostgreSQL needs: its
 * driver streams a result only inside a transaction, so in autocommit the daemon runs a
 * query in a transaction of its own, which the tests here hold to autocommit's behaviour.
 */
class RemotePostgresIT extends RemoteJdbcScenarios {

    @Override
    DatabaseServer server() {
        return TestDatabases.postgres();
    }

    @Override
    String driver() {
        return "postgresql";
    }

    @Override
    String uniqueViolationState() {
        return "23505";
    }

    @Override
    int uniqueViolationVendorCode() {
        return 0;
    }

    @Override
    void fillBig(Statement s, String table) throws SQLException {
        s.execute("insert into " + table + " select g, 'row ' || g || repeat('x', 200) from generate_series(1, " + BIG_ROWS + ") g");
    }

    @Override
    String lobType(boolean characters) {
        return "oid"; // large objects, for Blob and Clob alike
    }

    @Override
    String streamType(boolean characters) {
        return characters ? "text" : "bytea";
    }

    @Override
    boolean lobsStreamFromTheDatabase() {
        return true;
    }

    @Override
    String sleep(int seconds) {
        return "select pg_sleep(" + seconds + ")";
    }

    @Override
    boolean sleeping(Connection admin) throws SQLException {
        return queryInt(admin, "select count(*) from pg_stat_activity where usename = ? and state = 'active'"
                + " and query like 'select pg_sleep(%'", server().user()) > 0;
    }

    @Override
    int openTransactions(Connection admin) throws SQLException {
        return queryInt(admin, "select count(*) from pg_stat_activity"
                + " where usename = ? and state like 'idle in transaction%'", server().user());
    }

    @Override
    String insertReturning(String table, int from, int to) {
        return "insert into " + table + "(id, name) select g, 'ret-' || g from generate_series(" + from + ", " + to
                + ") g returning id";
    }

    @Override
    boolean statementOpenOnServer(Connection admin, String table, String marker) throws SQLException {
        // A suspended portal keeps its transaction open and the table locked. (The session's
        // last statement in pg_stat_activity may be one of the driver's metadata queries.)
        return queryInt(admin, "select count(*) from pg_locks l"
                + " join pg_stat_activity a on a.pid = l.pid where a.usename = ? and l.relation = ?::regclass",
                server().user(), table) > 0;
    }

    private static String state(Connection admin, int pid) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("select state from pg_stat_activity where pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "backend " + pid + " is gone");
                return rs.getString(1);
            }
        }
    }

    @Test
    void afterAStreamedAutocommitReadTheRowsAreCommittedAndTheSessionIsIdleNotIdleInTransaction() throws Exception {
        try (Connection c = orders().getConnection(); Statement s = c.createStatement();
             Connection admin = server().adminConnection()) {
            int backend;
            try (ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                assertTrue(rs.next());
                backend = rs.getInt(1);
            }
            s.setFetchSize(10);
            try (ResultSet rs = s.executeQuery(insertReturning(item, 5400, 5499))) {
                assertTrue(rs.next());
                assertEquals("idle in transaction", state(admin, backend),
                        "while the result streams, the daemon's transaction holds its portal");
                assertEquals(0, count("id between 5400 and 5499"), "not visible to others before the statement ends");
                int n = 1;
                while (rs.next()) {
                    n++;
                }
                assertEquals(100, n);
            }
            assertEquals(100, count("id between 5400 and 5499"), "committed, as in autocommit");
            assertEquals("idle", state(admin, backend), "no transaction left open while the client holds the connection");

            try (ResultSet rs = s.executeQuery(insertReturning(item, 5500, 5599))) {
                assertTrue(rs.next());
                assertEquals("idle in transaction", state(admin, backend));
            } // closed early, with the connection kept: the transaction ends now, not with the next call
            assertEquals("idle", state(admin, backend));
            assertEquals(100, count("id between 5500 and 5599"));
            assertTrue(c.getAutoCommit());
        }
    }

    /**
     * Creates a volatile function {@code <prefix><run>(i int)} that inserts row {@code i}
     * (named {@code <label><i>}) into the item table and returns {@code i}: a query with a
     * side effect on every row it returns.
     *
     * @return the function's name
     */
    private String insertingFunction(String prefix, String label) throws SQLException {
        String name = prefix + run;
        ddl("create function " + name + "(i int) returns int language sql volatile as $$ insert into " + item
                + "(id, name) values (i, '" + label + "' || i) returning id $$");
        return name;
    }

    /** Runs {@code sql} as the database's owner. */
    private void ddl(String sql) throws SQLException {
        try (Connection owner = server().openConnection(); Statement ddl = owner.createStatement()) {
            ddl.execute(sql);
        }
    }

    @Test
    void aPlainReadWithoutAFetchSizeRunsReadOnlyOnceAndAQueryThatWritesRunsAgainAsAutocommitWould() throws Exception {
        String bump = insertingFunction("bump_", "bumped-");
        try (Connection c = orders().getConnection(); Statement s = c.createStatement();
             Connection admin = server().adminConnection()) {
            // A read that fits one batch: its result whole, nothing left open.
            try (ResultSet rs = s.executeQuery("select g from generate_series(1, 7) g")) {
                int n = 0;
                while (rs.next()) {
                    assertEquals(++n, rs.getInt(1));
                }
                assertEquals(7, n);
            }
            assertEquals(0, openTransactions(admin));
            // One that writes: refused by the read-only run (nothing written), then run as autocommit would.
            try (ResultSet rs = s.executeQuery("select " + bump + "(5620)")) {
                assertTrue(rs.next());
                assertEquals(5620, rs.getInt(1));
            }
            assertEquals(1, count("id = 5620"), "written once, committed");
            try (ResultSet rs = s.executeQuery("select " + bump + "(5621)")) { // known to write now: straight on
                assertTrue(rs.next());
            }
            assertEquals(1, count("id = 5621"));
            // One that fails: the same error as in autocommit, and the connection is fine afterwards.
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select 1 / (g - 3) from generate_series(1, 5) g"));
            assertEquals("22012", e.getSQLState(), e.getMessage());
            assertEquals(0, openTransactions(admin), "the read-only run's transaction was rolled back");
            assertTrue(c.getAutoCommit());
            assertEquals(1, s.executeUpdate("insert into " + item + "(id, name) values (5622, 'after')"));
            assertEquals(1, count("id = 5622"));
            // One that outgrows a batch: run again to stream, whole and in order, twice.
            for (int round = 0; round < 2; round++) {
                try (ResultSet rs = s.executeQuery("select g from generate_series(1, 2500) g order by g")) {
                    int n = 0;
                    while (rs.next()) {
                        assertEquals(++n, rs.getInt(1));
                    }
                    assertEquals(2500, n);
                }
            }
            assertEquals(0, openTransactions(admin));
        } finally {
            ddl("drop function " + bump + "(int)");
        }
    }

    @Test
    void anErrorMidStreamInAutocommitRollsTheStatementBackAndTheConnectionStaysInAutocommit() throws Exception {
        // A query with a side effect on every row it returns; the division fails at row 1500,
        // in the second batch of 1,000 (the default fetch size). (An INSERT ... RETURNING or a
        // data-modifying WITH would not do: PostgreSQL runs those to completion before the
        // first row, so they fail at execution, never mid-stream.)
        String note = insertingFunction("note_", "noted-");
        try (Connection c = orders().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select " + note + "(10000 + g), 1 / (g - 1500)"
                    + " from generate_series(1, 3000) g")) {
                for (int i = 0; i < 1000; i++) {
                    assertTrue(rs.next());
                }
                assertEquals(0, count("id between 10001 and 13000"), "inserted in the statement's transaction only");
                SQLException e = assertThrows(SQLException.class, () -> {
                    while (rs.next()) {
                        // read on into the failing batch
                    }
                });
                assertEquals("22012", e.getSQLState(), e.getMessage());
            }
            assertEquals(0, count("id between 10001 and 13000"), "the failed statement left nothing behind");
            try (Connection admin = server().adminConnection()) {
                assertEquals(0, openTransactions(admin));
            }
            assertTrue(c.getAutoCommit());
            assertEquals(1, s.executeUpdate("insert into " + item + "(id, name) values (5610, 'after-the-error')"));
            assertEquals(1, count("id = 5610"), "the next statement runs in autocommit again");
        } finally {
            ddl("drop function " + note + "(int)");
        }
    }

    @Test
    void statementsThatRefuseATransactionBlockStillRunInAutocommit() throws Exception {
        try (Connection c = orders().getConnection(); Statement s = c.createStatement()) {
            assertFalse(s.execute("vacuum " + item));
            assertFalse(s.execute("/* built beside the table's users */ create index concurrently " + item + "_len on "
                    + item + " (length(name))"));
            s.execute("drop index " + item + "_len");
            assertTrue(c.getAutoCommit());
        }
    }

    @Test
    void readOnlyAndIsolationOfAStreamedAutocommitReadAreThoseOfAnAutocommitStatement() throws Exception {
        try (Connection c = orders().getConnection()) {
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10);
                try (ResultSet rs = s.executeQuery("select current_setting('transaction_isolation'),"
                        + " current_setting('transaction_read_only') from generate_series(1, 100)")) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                        assertEquals("serializable", rs.getString(1));
                        // The driver makes a read-only connection's transactions READ ONLY, not
                        // its autocommit statements (readOnlyMode=transaction, its default).
                        assertEquals("off", rs.getString(2));
                    }
                    assertEquals(100, n);
                }
                // And a write through executeQuery works as it does in autocommit.
                try (ResultSet rs = s.executeQuery(insertReturning(item, 5700, 5749))) {
                    assertTrue(rs.next());
                }
            }
            assertEquals(50, count("id between 5700 and 5749"));
            assertTrue(c.isReadOnly());
            assertTrue(c.getAutoCommit());
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
        }
    }

    @Test
    void aClientThatStopsMidStreamInAutocommitKeepsItsStatementAndLeavesNothingOpenAfterTheLease() throws Exception {
        RemotePool pool = (RemotePool) LocateRegistry.getRegistry("127.0.0.1", port).lookup("pools/orders");
        LoginReply login = Wire.decodeLoginReply(pool.login(
                Wire.encode(new LoginRequest(Protocol.VERSION, "app", password.toCharArray(), null))));
        Op.Execute insert = new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.QUERY, insertReturning(item, 5800, 5899),
                null, 10, 0, 0, null);
        Reply reply;
        try (RawChannel channel = RawChannel.connect("127.0.0.1", port)) {
            assertNull(channel.hello("orders", login.ticket()).error());
            reply = Wire.decodeReply(channel.call(Wire.encode(new Call(0,
                    ThreadLocalRandom.current().nextLong(), Borrow.DEFAULT, false, List.of(insert)))));
        }
        assertNull(reply.error());
        Result.Executed first = (Result.Executed) reply.results().get(0);
        assertNotEquals(0, first.cursor());
        assertTrue(first.holdsTransaction(), "the daemon runs the statement in a transaction of its own");
        assertEquals(0, count("id between 5800 and 5899"));
        // No further call, no renewal: as if the client had died.
        Await.value("the lease to end the statement as autocommit would have: committed",
                LEASE.multipliedBy(3).plusSeconds(5), () -> count("id between 5800 and 5899"), n -> n != 0);
        assertEquals(100, count("id between 5800 and 5899"), "all of the statement's rows, at once");
        try (Connection admin = server().adminConnection()) {
            assertEquals(0, openTransactions(admin));
        }
    }
}
