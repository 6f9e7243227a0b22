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
import org.junit.jupiter.api.Test;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;
import pool.testsupport.await.Await;
import pool.testsupport.net.ReservedPorts;

/** A data source outlives its daemon: calls on the old daemon's connections fail with 08006, new ones reconnect. */
class DaemonRestartTest {

    private static final PasswordHash APP = PasswordHash.create("pw".toCharArray(), 1000);
    private static final Users USERS = Users.of(Map.of("app", APP));

    private static RemoteServer start(int port) throws Exception {
        // The port is reserved (ReservedPorts): no other process's connection or server can take it
        // meanwhile, so only this test's previous server, still letting go of it, can be in the way.
        RemoteServer server = Await.value("port " + port + " free to listen on", Duration.ofSeconds(10), () -> {
            try {
                return RemoteServer.start(RemoteServerConfig.defaults().withPort(port));
            } catch (java.rmi.server.ExportException e) {
                return null;
            }
        }, java.util.Objects::nonNull);
        server.publish(new H2Pool("restart"), USERS);
        return server;
    }

    /** @return the first column of the first row {@code sql} answers on {@code c} */
    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int one(Connection c) throws SQLException {
        return Integer.parseInt(value(c, "select 1"));
    }

    @Test
    void afterARestartOldConnectionsFailWith08006AndTheNextGetConnectionReconnects() throws Exception {
        int port = ReservedPorts.loopback();
        RemoteServer first = start(port);
        RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:" + port + "/pools/restart").user("app")
                .password("pw").build();
        try {
            Connection held = ds.getConnection();
            assertEquals(1, one(held));

            first.close(); // the daemon goes away with a connection borrowed

            SQLException e = assertThrows(SQLException.class, () -> one(held));
            assertEquals("08006", e.getSQLState(), e.getMessage());
            held.close(); // quiet: nothing is left to give back

            RemoteServer second = start(port);
            try (Connection fresh = ds.getConnection()) {
                assertEquals(1, one(fresh)); // no new lookup by the application
            } finally {
                second.close();
            }
            assertEquals(2, ds.stats().lookups());
            assertEquals(2, ds.stats().logins());
            assertTrue(ds.stats().linkFailures() >= 1);
        } finally {
            ds.close();
            first.close();
        }
    }

    private static String sessionId(Connection c) throws SQLException {
        return value(c, "select session_id()");
    }

    @Test
    void aConnectionHeldAcrossARestartNeverReachesASessionTheNewDaemonOpened() throws Exception {
        int port = ReservedPorts.loopback();
        RemoteServer first = start(port);
        RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:" + port + "/pools/restart").user("app")
                .password("pw").build();
        try {
            Connection held = ds.getConnection();
            assertEquals(1, one(held)); // the first daemon's first session
            first.close(); // the daemon goes away while the connection is held, idle
            RemoteServer second = start(port);
            try (Connection fresh = ds.getConnection()) {
                Thread.sleep(200); // the pooled channel, idle over 100 ms, is checked and found closed: no failed call
                fresh.setAutoCommit(false);
                String freshSession = sessionId(fresh); // the second daemon's first session: the same number
                SQLException e = assertThrows(SQLException.class, () -> sessionId(held),
                        () -> "the old connection ran on the new daemon's session " + freshSession);
                assertEquals("08006", e.getSQLState(), e.getMessage());
                assertEquals(freshSession, sessionId(fresh), "the new connection keeps its own session");
                fresh.rollback();
            } finally {
                held.close();
                second.close();
            }
        } finally {
            ds.close();
            first.close();
        }
    }

    @Test
    void anIdleDataSourceCarriesOnAcrossARestartWithoutAFailedCall() throws Exception {
        int port = ReservedPorts.loopback();
        RemoteServer first = start(port);
        RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:" + port + "/pools/restart").user("app")
                .password("pw").build();
        try {
            try (Connection c = ds.getConnection()) {
                assertEquals(1, one(c));
            }
            first.close(); // while nothing is borrowed: the pooled call channel is now closed by the daemon
            RemoteServer second = start(port);
            try {
                // Stays: only a channel idle over 100 ms is checked before use (ChannelPool), so that much time must pass.
                Thread.sleep(200);
                try (Connection c = ds.getConnection()) {
                    assertEquals(1, one(c), "the closed channel was noticed before anything was sent on it");
                }
            } finally {
                second.close();
            }
            assertEquals(0, ds.stats().linkFailures());
            assertEquals(2, ds.stats().logins());
            assertEquals(2, ds.stats().channels());
        } finally {
            ds.close();
            first.close();
        }
    }

    @Test
    void republishingTheSamePoolChangesUsersWithoutCuttingConnectionsOff() throws Exception {
        H2Pool pool = new H2Pool("reload");
        try (RemoteServer server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0))) {
            server.publish(pool, USERS);
            String url = "rmi://127.0.0.1:" + server.port() + "/pools/reload";
            try (RemoteDataSource app = RemoteDataSource.builder(url).user("app").password("pw").build();
                 Connection held = app.getConnection()) {
                assertEquals(1, one(held));

                // A reload: "app" keeps its password, "ops" is added.
                server.publish(pool, Users.of(Map.of("app", APP, "ops", PasswordHash.create("ops".toCharArray(), 1000))));

                assertEquals(1, one(held), "the borrowed connection survives the reload");
                assertEquals(1, app.stats().logins(), "and its login too");
                try (RemoteDataSource ops = RemoteDataSource.builder(url).user("ops").password("ops").build();
                     Connection c = ops.getConnection()) {
                    assertEquals(1, one(c));
                }
            }
        }
    }
}
