package pool.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.Replicas;
import pool.api.spi.EverySession;
import pool.engine.Pools;
import pool.testsupport.db.Postgres;
import pool.testsupport.db.ReplicatedPair;

/** Routing over PostgreSQL streaming replication. */
class PostgresRoutingIT extends ReplicatedRoutingTests {

    @BeforeEach
    void pair(@Postgres ReplicatedPair pair) {
        this.pair = pair;
    }

    @Override
    boolean onReplica(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Override
    long sessionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    List<Long> otherSessions(Connection direct) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = direct.createStatement(); ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity"
                + " WHERE usename = current_user AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Override
    void dropSession(Connection direct, long id) throws Exception {
        try (Statement s = direct.createStatement()) {
            s.execute("SELECT pg_terminate_backend(" + id + ")");
            pool.testsupport.await.Await.until("backend " + id + " gone", Duration.ofSeconds(10), () -> {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = " + id)) {
                    rs.next();
                    return rs.getLong(1) == 0;
                }
            });
        }
    }

    @Override
    String sessionChange() {
        return "SET application_name = 'routing_it'";
    }

    @Override
    String zoneChange() {
        return "SET TIME ZONE 'Asia/Kolkata'";
    }

    @Override
    String holdsAfterSleeping(int seconds) {
        return "(SELECT 1 FROM pg_sleep(" + seconds + ")) = 1";
    }

    @Override
    String sessionZone(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('TimeZone')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Reads that call common built-ins (JSON set-returning, string and date functions) run on the replica. */
    @Test
    void readsCallingCommonBuiltInsRunOnTheReplica() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build()); Connection c = pool.getConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT pg_is_in_recovery(), e ->> 'a', regexp_count('aXbX', 'X'), date_bin('15 minutes', now(), now())"
                                + " FROM jsonb_array_elements('[{\"a\": \"x\"}]'::jsonb) AS e")) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1), "ran on the replica");
        }
    }

    /**
     * A hot standby refuses serializable ("cannot use serializable mode in a hot standby"), so
     * a serializable session's reads, read-only ones included, run on the primary, which
     * alone can serve them; back at another level, they read from the replica again.
     */
    @Test
    void serializableReadsRunOnThePrimary() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build()); Connection c = pool.getConnection()) {
            assertTrue(onReplica(c));
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertFalse(onReplica(c), "a serializable autocommit read");
            c.setReadOnly(true);
            assertFalse(onReplica(c), "a serializable read-only connection");
            c.setAutoCommit(false);
            assertFalse(onReplica(c), "a serializable read-only transaction");
            c.commit();
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertTrue(onReplica(c), "read committed again");
        }
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("serializable").jdbcUrl(pair.primary().jdbcUrl())
                .user(pair.primary().user()).password(pair.primary().password()).maxSize(4)
                .borrowTimeout(Duration.ofSeconds(10)).defaultTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE)
                .replicas(replicas().build()).build())) {
            try (Connection c = pool.getConnection()) {
                assertFalse(onReplica(c), "the pool's default level is serializable");
            }
            try (Connection c = pool.borrow(BorrowRequest.builder().readOnly().build())) {
                assertFalse(onReplica(c), "a read-intent borrow too");
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                assertTrue(onReplica(c), "at repeatable read the replica serves it");
            }
        }
    }

    /**
     * Autocommit text that opens its own transaction and ends it reads from the replica only
     * when a hot standby can run that transaction: a serializable or read-write one it
     * refuses, so the text runs on the primary rather than failing.
     */
    @Test
    void textOpeningASerializableOrReadWriteTransactionRunsOnThePrimary() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build());
                Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertTrue(onReplica(c));
            for (String text : new String[] {
                    "BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT count(*) FROM routing_it; COMMIT",
                    "START TRANSACTION READ WRITE; SELECT count(*) FROM routing_it; COMMIT"}) {
                s.execute(text); // a standby: "cannot use serializable mode in a hot standby"
            }
            boolean result = s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT pg_is_in_recovery(); COMMIT");
            while (!result && s.getUpdateCount() != -1) {
                result = s.getMoreResults();
            }
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next() && rs.getBoolean(1), "a read-only transaction the standby serves runs there");
            }
        }
    }

    /**
     * A session setting the replica refuses (a standby cannot go read-write) leaves the read
     * on the primary, and the replica's connection taken for it goes back to its pool.
     */
    @Test
    void aReplicaConnectionThatRefusesTheSessionsSettingsIsGivenBack() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build())) {
            try (Connection c = pool.getConnection()) {
                c.unwrap(EverySession.class).runOnEverySession("SET transaction_read_only = off");
                assertFalse(onReplica(c), "the replica refused the setting: the primary reads");
            }
            assertEquals(0, pool.stats().active(), () -> "every connection came back: " + pool.stats());
        }
    }

    /** Likewise a primary connection whose session set-up fails: the statement fails, the connection goes back. */
    @Test
    void aPrimaryConnectionThatRefusesTheSessionsSettingsIsGivenBack() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build())) {
            try (Connection c = pool.borrow(BorrowRequest.builder().readOnly().build())) {
                c.unwrap(EverySession.class).runOnEverySession(
                        "SELECT 1 / (CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END)"); // fails on the primary only
                c.setReadOnly(false);
                assertThrows(SQLException.class,
                        () -> insert(c, IDS.incrementAndGet(), "refused"));
            }
            assertEquals(0, pool.stats().active(), () -> "every connection came back: " + pool.stats());
        }
    }
}
