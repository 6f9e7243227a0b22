package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Connections an application still holds when it goes (its data source closed, as an application
 * server does when it stops or undeploys it, or its JVM exiting) are rolled back and given back to
 * the daemon at once, not a lease later. The lease here is far longer than any wait of the test,
 * so only the client can have given them back.
 */
class GiveBackOnCloseTest {

    private static final Users USERS = Users.of(Map.of("app", PasswordHash.create("pw".toCharArray(), 1000)));
    private static final AtomicInteger POOLS = new AtomicInteger();

    private String name;
    private RemoteServer server;
    private H2Pool pool;

    @BeforeEach
    void start() throws Exception {
        name = "giveback" + POOLS.incrementAndGet();
        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0).withLease(Duration.ofMinutes(10)));
        pool = new H2Pool(name);
        server.publish(pool, USERS);
        try (Connection c = pool.direct(); Statement s = c.createStatement()) {
            s.execute("create table t(x int)");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url() {
        return "rmi://127.0.0.1:" + server.port() + "/pools/" + name;
    }

    private static Connection inTransaction(RemoteDataSource ds, int x) throws SQLException {
        Connection c = ds.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into t values (" + x + ")");
        }
        return c;
    }

    private int rows() throws SQLException {
        try (Connection c = pool.direct(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void closingADataSourceRollsBackAndGivesBackTheConnectionsStillOpen() throws Exception {
        RemoteDataSource ds = RemoteDataSource.builder(url()).user("app").password("pw").build();
        Connection held = inTransaction(ds, 1);
        assertEquals(1, pool.borrowed());

        ds.close();
        assertEquals(0, pool.borrowed(), "given back before close() returned");
        assertEquals(0, server.openSessions(name));
        assertEquals(0, rows(), "rolled back");
        SQLException e = assertThrows(SQLException.class, () -> held.createStatement().executeQuery("select 1"));
        assertTrue(e.getSQLState().startsWith("08"), e.getSQLState() + " " + e.getMessage());
        held.close(); // harmless
    }

    @Test
    void closingASharedDataSourceGivesBackItsOwnConnectionsAndLeavesTheOthersTheirs() throws Exception {
        RemoteDataSource stopped = RemoteDataSource.builder(url()).user("app").password("pw").buildShared();
        RemoteDataSource running = RemoteDataSource.builder(url()).user("app").password("pw").buildShared();
        Connection ofStopped = inTransaction(stopped, 1);
        Connection ofRunning = inTransaction(running, 2);
        assertEquals(2, pool.borrowed());

        stopped.close(); // Tomcat stops one application; the other shares its login
        assertEquals(1, pool.borrowed(), "the stopped application's connection is back");
        assertThrows(SQLException.class, () -> ofStopped.createStatement().executeQuery("select 1"));
        try (Statement s = ofRunning.createStatement()) {
            s.executeUpdate("insert into t values (3)");
        }
        ofRunning.commit();
        ofRunning.close();
        assertEquals(2, rows(), "the other application's transaction committed, the stopped one's rolled back");
        try (Connection again = stopped.getConnection(); Statement s = again.createStatement()) {
            s.executeQuery("select 1").close(); // a shared data source stays usable
        }
        running.close();
    }

    @Test
    void aClientJvmThatExitsHoldingAConnectionGivesItBack() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = List.of(java, "-cp", String.join(File.pathSeparator, location(pool.api.PoolConfig.class),
                location(pool.protocol.Protocol.class), location(RemoteDataSource.class)),
                Path.of("src/test/java17/HoldAndExit.java").toAbsolutePath().toString(), url(), "app", "t");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("POOLD_TEST_PASSWORD", "pw");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertTrue(out.contains("HELD"), out);
        assertEquals(0, p.exitValue(), out);

        // The lease is ten minutes: only the client's exit can have given it back.
        Await.until("the exited client's connection is back", Duration.ofSeconds(30), () -> pool.borrowed() == 0);
        assertEquals(0, server.openSessions(name));
        assertEquals(0, rows(), "rolled back");
    }

    /** @return where a class of this build was loaded from: a module's classes directory or jar */
    private static String location(Class<?> type) throws Exception {
        Path p = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.exists(p), p.toString());
        return p.toString();
    }
}
