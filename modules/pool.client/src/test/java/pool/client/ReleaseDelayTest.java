package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;
import pool.testsupport.await.Await;

/**
 * A connection closed in autocommit gives its session back with the link's next call, or
 * alone after the release delay ({@link RemoteDataSource.Builder#releaseDelay}); one closed
 * with a transaction open is rolled back and given back before {@code close()} returns.
 */
@Timeout(60)
class ReleaseDelayTest {

    private static H2Pool pool;
    private static RemoteServer server;

    @BeforeAll
    static void start() throws Exception {
        pool = new H2Pool("releases");
        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0));
        server.publish(pool, Users.of(Map.of("app", PasswordHash.create("secret".toCharArray(), 1000))));
        try (Connection c = pool.direct(); Statement s = c.createStatement()) {
            s.execute("create table item(id int primary key, name varchar(100))");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RemoteDataSource.Builder builder() {
        return RemoteDataSource.builder("rmi://127.0.0.1:" + server.port() + "/pools/releases").user("app")
                .password("secret");
    }

    private static int query(Connection c, int value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select cast(? as int)")) {
            ps.setInt(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getInt(1);
            }
        }
    }

    private static void awaitOpenSessions(int expected) throws Exception {
        Await.value(expected + " open sessions", Duration.ofSeconds(10), () -> server.openSessions("releases"),
                n -> n == expected);
    }

    @Test
    void aCloseInAutocommitRidesAlongWithTheNextCall() throws Exception {
        // A delay far longer than the loop: every release has to travel with the next query.
        try (RemoteDataSource ds = builder().releaseDelay(Duration.ofSeconds(1)).build()) {
            try (Connection warm = ds.getConnection()) {
                query(warm, 0);
            }
            awaitOpenSessions(0);
            long before = ds.stats().roundTrips();
            long started = System.nanoTime();
            int cycles = 20;
            for (int i = 1; i <= cycles; i++) {
                try (Connection c = ds.getConnection()) {
                    assertEquals(i, query(c, i));
                    assertEquals(1, server.openSessions("releases"), "the previous close went back with this query");
                }
            }
            long calls = ds.stats().roundTrips() - before;
            // One call per cycle; a flush (one more call) can come only once the loop outlived the delay.
            long flushes = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
            assertTrue(calls >= cycles && calls <= cycles + flushes, "round trips for " + cycles + " cycles: " + calls);
            awaitOpenSessions(0); // the last close goes back alone after the delay
        }
    }

    @Test
    void aClosedSessionGoesBackAloneAfterTheDelay() throws Exception {
        try (RemoteDataSource ds = builder().build()) { // the default delay, 1 ms
            long before;
            try (Connection c = ds.getConnection()) {
                query(c, 1);
                before = ds.stats().roundTrips(); // before close(): the release may be out 1 ms after it
            }
            awaitOpenSessions(0);
            assertEquals(1, ds.stats().roundTrips() - before, "one call carried the release");
        }
    }

    @Test
    void closingTheDataSourceGivesBackWhatWaits() throws Exception {
        RemoteDataSource ds = builder().releaseDelay(Duration.ofSeconds(1)).build();
        try (Connection c = ds.getConnection()) {
            query(c, 1);
        }
        assertEquals(1, server.openSessions("releases"), "waiting for a call to carry it");
        ds.close();
        assertEquals(0, server.openSessions("releases"));
    }

    @Test
    void aCloseWithATransactionOpenRollsBackBeforeItReturns() throws Exception {
        try (RemoteDataSource ds = builder().releaseDelay(Duration.ofSeconds(1)).build()) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("insert into item(id, name) values (1, 'never committed')");
                }
            }
            assertEquals(0, server.openSessions("releases"));
            try (Connection c = pool.direct(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from item where id = 1")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
        }
    }

    @Test
    void aCloseWithAResultStillStreamingGivesBackBeforeItReturns() throws Exception {
        try (RemoteDataSource ds = builder().releaseDelay(Duration.ofSeconds(1)).build()) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.setFetchSize(10);
                ResultSet open = s.executeQuery("select x from system_range(1, 1000)");
                assertTrue(open.next()); // left open: the daemon's cursor holds the rest
            }
            assertEquals(0, server.openSessions("releases"), "the cursor was closed with the connection");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.setFetchSize(10);
                try (ResultSet partly = s.executeQuery("select x from system_range(1, 1000)")) {
                    assertTrue(partly.next());
                } // its close waits for the next call, and so does the connection's
            }
            assertEquals(0, server.openSessions("releases"), "the deferred cursor close went with the release");
        }
    }

    @Test
    void aZeroDelayGivesBackInCloseItself() throws Exception {
        try (RemoteDataSource ds = builder().releaseDelay(Duration.ZERO).build()) {
            long before;
            try (Connection c = ds.getConnection()) {
                query(c, 1);
                before = ds.stats().roundTrips();
            }
            assertEquals(1, ds.stats().roundTrips() - before, "close made its own call");
            assertEquals(0, server.openSessions("releases"));
        }
    }

    @Test
    @Timeout(120)
    void manyThreadsClosingAtOnceLeaveNothingHeld() throws Exception {
        int threads = 32;
        int cycles = 200;
        try (RemoteDataSource ds = builder().build()) {
            Hammer.run(threads, cycles, (thread, i) -> {
                try (Connection c = ds.getConnection()) {
                    int mine = thread * 10_000 + i;
                    assertEquals(mine, query(c, mine));
                }
            });
            assertEquals(0, ds.stats().linkFailures());
            awaitOpenSessions(0);
            // A session leaves the daemon's table just before its connection goes back to the pool.
            Await.value("every physical connection back", Duration.ofSeconds(10), () -> pool.borrowed(), n -> n == 0);
        }
    }

    @Test
    void theBuilderAndTheFactoryCheckTheDelay() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> builder().releaseDelay(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder().releaseDelay(Duration.ofSeconds(2)));
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> builder().releaseDelay(Duration.ofNanos(10_000)));
        assertTrue(tiny.getMessage().contains("from 100 µs to 1 s, not 10 µs"), tiny.getMessage());
        builder().releaseDelay(Duration.ofNanos(100_000)).build().close();
        Reference ref = new Reference("javax.sql.DataSource", RemoteDataSourceFactory.class.getName(), null);
        ref.add(new StringRefAddr("url", "rmi://127.0.0.1:" + server.port() + "/pools/releases"));
        ref.add(new StringRefAddr("user", "app"));
        ref.add(new StringRefAddr("password", "secret"));
        ref.add(new StringRefAddr("releaseDelayMillis", "soon"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RemoteDataSourceFactory().getObjectInstance(ref, null, null, new Hashtable<>()));
        assertTrue(e.getMessage().contains("releaseDelayMillis must be a whole number of milliseconds"), e.getMessage());
        ref.remove(ref.size() - 1);
        ref.add(new StringRefAddr("releaseDelayMillis", "5000"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new RemoteDataSourceFactory().getObjectInstance(ref, null, null, new Hashtable<>()));
        assertEquals("releaseDelayMillis must be a whole number of milliseconds from 0 to 1000, not '5000'",
                e.getMessage(), "in the resource's unit, not the builder's microseconds");
        ref.remove(ref.size() - 1);
        ref.add(new StringRefAddr("tls", "yes"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new RemoteDataSourceFactory().getObjectInstance(ref, null, null, new Hashtable<>()));
        assertEquals("tls must be true or false, not 'yes'", e.getMessage(), "never a plain connection by mistake");

        Reference zero = new Reference("javax.sql.DataSource", RemoteDataSourceFactory.class.getName(), null);
        zero.add(new StringRefAddr("url", "rmi://127.0.0.1:" + server.port() + "/pools/releases"));
        zero.add(new StringRefAddr("user", "app"));
        zero.add(new StringRefAddr("password", "secret"));
        zero.add(new StringRefAddr("releaseDelayMillis", "0"));
        try (RemoteDataSource ds = (RemoteDataSource) new RemoteDataSourceFactory()
                .getObjectInstance(zero, null, null, new Hashtable<>())) {
            try (Connection c = ds.getConnection()) {
                query(c, 1);
            }
            assertEquals(0, server.openSessions("releases"), "given back in close itself");
        }
    }
}
