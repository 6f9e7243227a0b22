package pool.engine.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import pool.engine.StubPools;
import pool.engine.internal.EnginePool;
import pool.stubdriver.StubConnection;
import pool.stubdriver.StubDatabase;

class ResetOnReturnTest {

    private static EnginePool pool(StubDatabase db) throws SQLException {
        return StubPools.start(StubPools.config(db).maxSize(1).build());
    }

    @Test
    void untouchedConnectionIsReturnedWithoutAnyStateChangingCall() throws Exception {
        StubDatabase db = StubDatabase.unique("clean");
        try (EnginePool pool = pool(db)) {
            StubConnection raw;
            int setUpTimeouts; // the pool bounds a new connection's set-up with a network timeout, then restores it
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                raw = StubPools.raw(c);
                setUpTimeouts = raw.setNetworkTimeoutCalls();
                s.executeQuery("select 1").next();
            }
            assertEquals(0, raw.setAutoCommitCalls());
            assertEquals(0, raw.rollbackCalls());
            assertEquals(0, raw.setTransactionIsolationCalls());
            assertEquals(0, raw.setReadOnlyCalls());
            assertEquals(0, raw.setCatalogCalls());
            assertEquals(0, raw.setSchemaCalls());
            assertEquals(setUpTimeouts, raw.setNetworkTimeoutCalls(), "none at the return");
            assertEquals(1, raw.clearWarningsCalls(), "warnings are always cleared (a local call)");
        }
    }

    @Test
    void openTransactionIsRolledBackAndAutoCommitRestored() throws Exception {
        StubDatabase db = StubDatabase.unique("tx");
        try (EnginePool pool = pool(db)) {
            StubConnection raw;
            try (Connection c = pool.getConnection()) {
                raw = StubPools.raw(c);
                c.setAutoCommit(false);
                c.createStatement().executeUpdate("insert into t values (1)");
                assertTrue(raw.inTransaction());
            }
            assertFalse(raw.inTransaction());
            assertEquals(1, raw.rollbackCalls());
            assertTrue(raw.getAutoCommit());
            try (Connection c = pool.getConnection()) {
                assertTrue(c.getAutoCommit());
            }
        }
    }

    @Test
    void autoCommitOffWithoutWorkNeedsNoRollback() throws Exception {
        StubDatabase db = StubDatabase.unique("notx");
        try (EnginePool pool = pool(db)) {
            StubConnection raw;
            try (Connection c = pool.getConnection()) {
                raw = StubPools.raw(c);
                c.setAutoCommit(false);
                c.commit();
            }
            assertEquals(0, raw.rollbackCalls());
            assertTrue(raw.getAutoCommit());
        }
    }

    @Test
    void changedSessionSettingsAreRestoredToThePoolsDefaults() throws Exception {
        StubDatabase db = StubDatabase.unique("settings");
        try (EnginePool pool = pool(db)) {
            StubConnection raw;
            try (Connection c = pool.getConnection()) {
                raw = StubPools.raw(c);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setReadOnly(true);
                c.setCatalog("other");
                c.setSchema("audit");
                c.setNetworkTimeout(Runnable::run, 1234);
            }
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, raw.getTransactionIsolation());
            assertFalse(raw.isReadOnly());
            assertEquals("stub", raw.getCatalog());
            assertEquals("public", raw.getSchema());
            assertEquals(0, raw.getNetworkTimeout());
        }
    }

    @Test
    void statementsLeftOpenAreClosedOnReturn() throws Exception {
        StubDatabase db = StubDatabase.unique("stmts");
        try (EnginePool pool = pool(db)) {
            StubConnection raw;
            Statement leftOpen;
            try (Connection c = pool.getConnection()) {
                raw = StubPools.raw(c);
                leftOpen = c.createStatement();
                c.prepareStatement("select 1").executeQuery();
                c.prepareCall("{call p()}");
                Statement closedByApp = c.createStatement();
                closedByApp.close();
                assertEquals(3, raw.openStatementCount());
            }
            assertEquals(0, raw.openStatementCount());
            assertTrue(leftOpen.isClosed());
        }
    }

    @Test
    void poolDefaultsAreAppliedToNewConnections() throws Exception {
        StubDatabase db = StubDatabase.unique("defaults");
        try (EnginePool pool = StubPools.start(StubPools.config(db).defaultAutoCommit(false)
                .defaultTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE).defaultReadOnly(true)
                .defaultSchema("app").build())) {
            StubConnection raw;
            try (Connection c = pool.getConnection()) {
                raw = StubPools.raw(c);
                assertFalse(c.getAutoCommit());
                assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
                assertTrue(c.isReadOnly());
                assertEquals("app", c.getSchema());
                c.createStatement().execute("update t set x = 1");
            }
            assertEquals(1, raw.rollbackCalls(), "pool default auto-commit off: work is rolled back on return");
            assertFalse(raw.getAutoCommit());
        }
    }

    @Test
    void connectionFailingDuringResetIsDestroyedNotHandedOn() throws Exception {
        StubDatabase db = StubDatabase.unique("resetfail");
        try (EnginePool pool = pool(db)) {
            StubConnection raw;
            try (Connection c = pool.getConnection()) {
                raw = StubPools.raw(c);
                c.setAutoCommit(false);
                c.createStatement().execute("update t set x = 1");
                raw.breakConnection(); // behind the application's back: reset's rollback will fail
            }
            StubPools.await("destroyed", () -> db.closed() == 1);
            try (Connection c = pool.getConnection()) {
                assertTrue(StubPools.raw(c) != raw);
            }
        }
    }

    @Test
    void closedHandleThrowsOnUseAndDoubleCloseIsHarmless() throws Exception {
        StubDatabase db = StubDatabase.unique("closedhandle");
        try (EnginePool pool = pool(db)) {
            Connection c = pool.getConnection();
            c.close();
            c.close();
            assertTrue(c.isClosed());
            SQLException e = assertThrows(SQLException.class, c::createStatement);
            assertEquals("08003", e.getSQLState());
            assertFalse(c.isValid(1));
            assertEquals(1, pool.stats().idle(), "returned once, not twice");
        }
    }

    @Test
    void staleHandleCannotTouchTheNextBorrowersConnection() throws Exception {
        StubDatabase db = StubDatabase.unique("stale");
        try (EnginePool pool = pool(db)) {
            Connection first = pool.getConnection();
            Statement staleStatement = first.createStatement();
            first.close();
            try (Connection second = pool.getConnection()) {
                assertSame(StubPools.raw(second).database(), db);
                assertThrows(SQLException.class, () -> first.setAutoCommit(false));
                assertThrows(SQLException.class, () -> staleStatement.execute("delete from t"));
                assertTrue(second.getAutoCommit());
                second.createStatement().execute("select 1");
            }
        }
    }
}
