package pool.stubdriver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StubDriverTest {

    @Test
    void driverManagerFindsTheStubDriver() throws SQLException {
        StubDatabase db = StubDatabase.unique("dm");
        try (Connection c = DriverManager.getConnection(db.url() + "?x=1", "u", "p")) {
            assertFalse(c.isClosed());
            assertEquals("u", db.lastConnectProperties().getProperty("user"));
        }
        assertEquals(1, db.opened());
        assertEquals(1, db.closed());
    }

    @Test
    void queryReturnsConfiguredRows() throws SQLException {
        StubDatabase db = StubDatabase.unique("rows").resultRows(3);
        try (Connection c = db.connectForTest(); PreparedStatement ps = c.prepareStatement("select 1");
             ResultSet rs = ps.executeQuery()) {
            int n = 0;
            while (rs.next()) {
                n++;
                assertEquals(n, rs.getInt(1));
            }
            assertEquals(3, n);
        }
        assertEquals(1, db.statementsExecuted());
    }

    @Test
    void failNextConnectsFailsExactlyThatMany() throws SQLException {
        StubDatabase db = StubDatabase.unique("fail").failNextConnects(2);
        SQLException e = assertThrows(SQLException.class, db::connectForTest);
        assertEquals("08001", e.getSQLState());
        assertThrows(SQLException.class, db::connectForTest);
        db.connectForTest().close();
        assertEquals(3, db.connectAttempts());
    }

    @Test
    void configurationErrorUsesSqlState28P01() {
        StubDatabase db = StubDatabase.unique("auth").configurationError(true);
        SQLException e = assertThrows(SQLException.class, db::connectForTest);
        assertEquals("28P01", e.getSQLState());
    }

    @Test
    void brokenConnectionThrows08006AndIsNotValid() throws SQLException {
        StubDatabase db = StubDatabase.unique("broken");
        StubConnection c = db.connectForTest();
        c.breakConnection();
        assertFalse(c.isValid(1));
        SQLException e = assertThrows(SQLException.class, () -> c.createStatement().execute("x"));
        assertEquals("08006", e.getSQLState());
        c.close();
    }

    @Test
    void isValidFollowsTheKnob() throws SQLException {
        StubDatabase db = StubDatabase.unique("valid");
        StubConnection c = db.connectForTest();
        assertTrue(c.isValid(1));
        db.valid(false);
        assertFalse(c.isValid(1));
        c.close();
    }

    @Test
    void recordsStateChangesAndTransactions() throws SQLException {
        StubDatabase db = StubDatabase.unique("state");
        StubConnection c = db.connectForTest();
        c.setAutoCommit(false);
        c.createStatement().executeUpdate("insert");
        assertTrue(c.inTransaction());
        c.rollback();
        assertFalse(c.inTransaction());
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        assertEquals(1, c.setAutoCommitCalls());
        assertEquals(1, c.rollbackCalls());
        assertEquals(1, c.setTransactionIsolationCalls());
        assertEquals(1, c.openStatementCount());
        c.close();
        c.close();
        assertEquals(2, c.closeCalls());
        assertEquals(1, db.closed());
    }

    @Test
    void connectLatencyDelaysConnect() throws SQLException {
        StubDatabase db = StubDatabase.unique("slow").connectLatency(Duration.ofMillis(50));
        long t0 = System.nanoTime();
        db.connectForTest().close();
        assertTrue(System.nanoTime() - t0 >= 45_000_000L);
    }
}
