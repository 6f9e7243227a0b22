package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;
import pool.testsupport.await.Await;

/**
 * A reload that replaces or removes a pool drains its remote connections: a connection
 * borrowed before goes on (statements, commit) on the old pool until it is closed or the
 * drain timeout ends it, while new connections come from the new pool.
 */
class ReloadDrainTest {

    private static final Users USERS = Users.of(Map.of("app", PasswordHash.create("pw".toCharArray(), 1000)));
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private String name;
    private RemoteServer server;
    private RemoteDataSource ds;

    @BeforeEach
    void start() throws Exception {
        name = "drain" + DATABASES.incrementAndGet();
        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0).withLease(Duration.ofSeconds(1)));
        ds = RemoteDataSource.builder("rmi://127.0.0.1:" + server.port() + "/pools/" + name).user("app")
                .password("pw").build();
    }

    @AfterEach
    void stop() {
        ds.close();
        server.close();
    }

    private H2Pool published() throws Exception {
        H2Pool pool = new H2Pool(name); // every H2Pool of one name opens the same in-memory database
        server.publish(pool, USERS);
        try (Connection c = pool.direct(); Statement s = c.createStatement()) {
            s.execute("create table if not exists t(x int)");
        }
        return pool;
    }

    private static void insert(Connection c, int x) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into t values (" + x + ")");
        }
    }

    private static Set<Integer> committed(H2Pool pool) throws SQLException {
        try (Connection c = pool.direct(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select x from t order by x")) {
            java.util.Set<Integer> rows = new java.util.TreeSet<>();
            while (rs.next()) {
                rows.add(rs.getInt(1));
            }
            return rows;
        }
    }

    @Test
    void aTransactionOpenOnAReplacedPoolCommitsWhileNewConnectionsComeFromTheNewPool() throws Exception {
        H2Pool old = published();
        Connection held = ds.getConnection();
        held.setAutoCommit(false);
        insert(held, 1);

        H2Pool next = new H2Pool(name);
        server.publish(next, USERS, LONG);

        try (Connection fresh = ds.getConnection()) {
            insert(fresh, 10); // autocommit
            assertEquals(1, next.borrowed(), "the new connection is the new pool's");
        }
        insert(held, 2);
        held.commit();
        assertEquals(1, old.borrowed(), "the old connection stays on the old pool");
        assertEquals(Set.of(1, 2, 10), committed(next));
        held.close();
        Await.until("the old pool's connection returned", Duration.ofSeconds(30), () -> old.borrowed() == 0);
        assertEquals(2, ds.stats().logins(), "one login per endpoint");
        try (Connection again = ds.getConnection()) {
            insert(again, 11);
        }
        assertEquals(0, old.borrowed());
        assertEquals(Set.of(1, 2, 10, 11), committed(next));
    }

    @Test
    void aConnectionStillHeldWhenTheDrainTimeoutEndsIsRolledBackAndFailsClearly() throws Exception {
        H2Pool old = published();
        Connection held = ds.getConnection();
        held.setAutoCommit(false);
        insert(held, 1);

        server.publish(new H2Pool(name), USERS, Duration.ofMillis(200));

        Await.until("the drain timeout ended the old connection", Duration.ofSeconds(30), () -> old.borrowed() == 0);
        SQLException e = assertThrows(SQLException.class, () -> insert(held, 2));
        assertTrue(Set.of("08003", "08006").contains(e.getSQLState()), e.getSQLState() + ": " + e.getMessage());
        held.close();
        assertEquals(Set.of(), committed(old), "rolled back");
        try (Connection fresh = ds.getConnection()) {
            insert(fresh, 3);
        }
        assertEquals(Set.of(3), committed(old));
    }

    @Test
    void aConnectionHeldOnARemovedPoolWorksUntilItIsClosed() throws Exception {
        H2Pool old = published();
        Connection held = ds.getConnection();
        held.setAutoCommit(false);
        insert(held, 1);

        assertTrue(server.unpublish(name, LONG));

        SQLException gone = assertThrows(SQLException.class, () -> {
            try (Connection c = ds.getConnection()) { // borrows at its first call
                insert(c, 5);
            }
        });
        assertTrue(gone.getMessage().contains(name), gone.getMessage());
        insert(held, 2);
        held.commit();
        assertEquals(Set.of(1, 2), committed(old));
        held.close();
        Await.until("the removed pool's connection returned", Duration.ofSeconds(30), () -> old.borrowed() == 0);
    }

    @Test
    void theLeaseStillEndsTheSessionOfAClientThatWentAwayDuringTheDrain() throws Exception {
        H2Pool old = published();
        RemoteDataSource gone = RemoteDataSource.builder("rmi://127.0.0.1:" + server.port() + "/pools/" + name)
                .user("app").password("pw").build();
        Connection held = gone.getConnection();
        held.setAutoCommit(false);
        insert(held, 1);

        server.publish(new H2Pool(name), USERS, LONG);
        gone.close(); // stops renewing, as a client that died would

        Await.until("the lease ended the old connection", Duration.ofSeconds(30), () -> old.borrowed() == 0);
        assertEquals(Set.of(), committed(old), "rolled back");
    }

    @Test
    void theDrainingEndpointKeepsRenewingTheTicketOfItsSessions() throws Exception {
        server.close();
        // Tickets live a second: the old session's ticket is succeeded several times while it drains.
        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0).withLease(Duration.ofSeconds(1))
                .withTickets(new pool.remote.TicketLimits(Duration.ofHours(1), Duration.ofSeconds(1), 256, 64 << 20)));
        ds.close();
        ds = RemoteDataSource.builder("rmi://127.0.0.1:" + server.port() + "/pools/" + name).user("app")
                .password("pw").build();
        H2Pool old = published();
        Connection held = ds.getConnection();
        held.setAutoCommit(false);
        insert(held, 1);

        server.publish(new H2Pool(name), USERS, LONG);
        try (Connection fresh = ds.getConnection()) {
            insert(fresh, 10);
        }
        long logins = ds.stats().logins();
        Await.until("the old ticket succeeded twice", Duration.ofSeconds(30), () -> ds.stats().logins() >= logins + 4);
        insert(held, 2);
        held.commit();
        held.close();
        assertEquals(Set.of(1, 2, 10), committed(old));
        Await.until("the old pool's connection returned", Duration.ofSeconds(30), () -> old.borrowed() == 0);
    }
}
