package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.protocol.Op;
import pool.protocol.Result;

/**
 * What one remote session keeps until its transaction or the session ends is bounded: a
 * client that sets savepoints, opens result sets or spools LOB parameters in a loop, and
 * never releases, closes or uses them, is refused (54000, naming the bound) at the bound,
 * on an in-memory H2 connection.
 */
class SessionLimitsTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private Session session;

    @BeforeEach
    void open() throws SQLException {
        session = new Session(1, new Login("app", null), 1, DriverManager.getConnection("jdbc:h2:mem:limits"
                + DATABASES.incrementAndGet()), TimeUnit.SECONDS.toNanos(30));
        Dispatcher.run(session, new Op.Set(Op.Property.AUTO_COMMIT, false));
    }

    @AfterEach
    void close() {
        session.end(Runnable::run);
    }

    private int savepoint() throws SQLException {
        return ((Result.SavepointSet) Dispatcher.run(session, new Op.SetSavepoint(null))).id();
    }

    @Test
    void aTransactionHoldsAtMostItsSavepointsCapUnlessItReleasesThem() throws Exception {
        int first = savepoint();
        for (int i = 1; i < Session.MAX_SAVEPOINTS; i++) {
            savepoint();
        }
        SQLException e = assertThrows(SQLException.class, this::savepoint);
        assertEquals("54000", e.getSQLState());
        assertTrue(e.getMessage().contains("more than 1024 savepoints"), e.getMessage());

        // A released savepoint makes room; a rolled-back-past one too.
        Dispatcher.run(session, new Op.ReleaseSavepoint(first + 1));
        int next = savepoint();
        assertThrows(SQLException.class, this::savepoint);
        Dispatcher.run(session, new Op.Rollback(first + 10));
        for (int i = 0; i < 100; i++) {
            savepoint();
        }
        assertEquals("3B001", assertThrows(SQLException.class,
                () -> Dispatcher.run(session, new Op.Rollback(first + 1))).getSQLState(),
                "the released savepoint, forgotten to make room, is said not to exist");
        assertNotEquals(0, next);
        // A commit ends them all.
        Dispatcher.run(session, new Op.Commit());
        for (int i = 0; i < Session.MAX_SAVEPOINTS; i++) {
            savepoint();
        }
    }

    @Test
    void aSessionHoldsAtMostItsCursorsCapOfOpenResultSets() throws Exception {
        Op.Execute query = new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.QUERY, "select x from system_range(1, 100)",
                null, 5, 0, 0, null);
        for (int i = 0; i < Session.MAX_CURSORS; i++) {
            assertNotEquals(0, ((Result.Executed) Dispatcher.run(session, query)).cursor(), "left open");
        }
        SQLException e = assertThrows(SQLException.class, () -> Dispatcher.run(session, query));
        assertEquals("54000", e.getSQLState());
        assertTrue(e.getMessage().contains("more than 256 result sets open on one connection"), e.getMessage());
    }

    @Test
    void aSessionHoldsAtMostItsSpoolsCapOfLobParametersSentAhead() throws Exception {
        LobSpools spools = new LobSpools(new AtomicLong(), 1 << 30);
        for (int id = 1; id <= LobSpools.MAX_SPOOLS; id++) {
            spools.append(id, new byte[] {1});
        }
        SQLException e = assertThrows(SQLException.class, () -> spools.append(LobSpools.MAX_SPOOLS + 1, new byte[] {1}));
        assertEquals("54000", e.getSQLState());
        assertTrue(e.getMessage().contains("more than 1024 LOB parameters spooled"), e.getMessage());
        spools.append(1, new byte[] {2}); // a spool already made still takes its chunks
        spools.freeAll();
        spools.append(LobSpools.MAX_SPOOLS + 1, new byte[] {1}); // once they are freed, there is room again
        spools.freeAll();
    }
}
