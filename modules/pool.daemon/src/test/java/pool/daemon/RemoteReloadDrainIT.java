package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.remote.PasswordHash;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;

/**
 * The packaged daemon on a real PostgreSQL: a reload that replaces or removes a pool
 * leaves the remote connections borrowed from it working (an open transaction commits)
 * until they are closed or the drain timeout ends them, while new connections come from
 * the new pool.
 */
class RemoteReloadDrainIT {

    @TempDir
    Path work;

    private final int registryPort = FreePorts.loopback();
    private final int jmxPort = FreePorts.loopback();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String table = "reload_drain_" + run;
    private final String hash = PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    private DatabaseServer pg;
    private PooldProcess daemon;

    @BeforeEach
    void createTable(@Postgres DatabaseServer server) throws SQLException {
        pg = server;
        try (Connection c = pg.openConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + "(x int)");
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        try (Connection c = pg.openConnection(); Statement s = c.createStatement()) {
            s.execute("drop table " + table);
        }
    }

    /** The application_name the sessions of one generation of a pool carry: it tells old pool from new. */
    private String app(String generation) {
        return "poold-drain-" + generation + "-" + run;
    }

    private String pool(String name, String generation) {
        return """
                  <pool name="%s" driver="postgresql">
                    <jdbcUrl>%s?ApplicationName=%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <minIdle>0</minIdle>
                    <maxSize>4</maxSize>
                    <clientUsers>app</clientUsers>
                  </pool>
                """.formatted(name, pg.jdbcUrl(), app(generation), pg.user(), DaemonFiles.dbPassword(work, pg));
    }

    private Path config(String drainTimeout, String pools) throws Exception {
        return Files.writeString(work.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon><drainTimeout>%s</drainTimeout><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort></daemon>
                  <clients><user name="app" hash="%s"/></clients>
                %s</poold>
                """.formatted(drainTimeout, registryPort, jmxPort, hash, pools));
    }

    private void reload(String expected) throws Exception {
        daemon.signal("HUP");
        assertTrue(daemon.awaitOutput(expected, 30), daemon.stdout());
    }

    private DataSource orders() throws Exception {
        return RemoteClients.lookup(registryPort, "app", "pw", "orders");
    }

    private void insert(Connection c, int x) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into " + table + " values (" + x + ")");
        }
    }

    private static String applicationName(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting('application_name')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Set<Integer> committed() throws SQLException {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select x from " + table)) {
            Set<Integer> rows = new TreeSet<>();
            while (rs.next()) {
                rows.add(rs.getInt(1));
            }
            return rows;
        }
    }

    @Test
    void aTransactionOpenOnAReplacedPoolCommitsWhileNewConnectionsUseTheNewPool() throws Exception {
        daemon = PooldProcess.startReady(work, Map.of(), config("60s", pool("orders", "first")));
        DataSource ds = orders();
        try (Connection held = ds.getConnection()) {
            held.setAutoCommit(false);
            insert(held, 1);
            assertEquals(app("first"), applicationName(held));

            config("60s", pool("orders", "second")); // another jdbcUrl: the pool is replaced
            reload("replaced [orders]");

            try (Connection fresh = ds.getConnection()) {
                assertEquals(app("second"), applicationName(fresh), "a new connection comes from the new pool");
                insert(fresh, 10);
            }
            insert(held, 2);
            assertEquals(app("first"), applicationName(held), "the held one stays on the old pool");
            held.commit();
            assertEquals(Set.of(1, 2, 10), committed());
        }
        assertTrue(daemon.awaitOutput("pool 'orders' (replaced): closed; every connection was returned", 30),
                daemon.stdout());
        daemon.signal("TERM");
        assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
    }

    @Test
    void aConnectionStillHeldAtTheDrainTimeoutIsRolledBackAndItsNextCallFails() throws Exception {
        daemon = PooldProcess.startReady(work, Map.of(), config("60s", pool("orders", "first")));
        DataSource ds = orders();
        Connection held = ds.getConnection();
        held.setAutoCommit(false);
        insert(held, 1);

        config("1s", pool("orders", "second")); // the reload's own drain timeout applies
        reload("replaced [orders]");
        assertTrue(daemon.awaitOutput("pool 'orders' (replaced): closed after the drain timeout", 30), daemon.stdout());
        assertTrue(daemon.awaitOutput("drain timeout ended 1 remote connection(s)", 30), daemon.stdout());

        SQLException e = assertThrows(SQLException.class, () -> insert(held, 2));
        assertTrue(Set.of("08003", "08006").contains(e.getSQLState()), e.getSQLState() + ": " + e.getMessage());
        held.close();
        assertEquals(Set.of(), committed(), "rolled back");
        try (Connection fresh = ds.getConnection()) {
            insert(fresh, 3);
        }
        assertEquals(Set.of(3), committed());
        daemon.signal("TERM");
        assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
    }

    @Test
    void aConnectionHeldOnARemovedPoolWorksOnAndAStopWaitsForIt() throws Exception {
        daemon = PooldProcess.startReady(work, Map.of(), config("60s", pool("orders", "first") + pool("other", "other")));
        DataSource ds = orders();
        Connection held = ds.getConnection();
        held.setAutoCommit(false);
        insert(held, 1);

        config("60s", pool("other", "other"));
        reload("removed [orders]");

        assertThrows(SQLException.class, () -> {
            try (Connection c = ds.getConnection()) { // borrows at its first call
                insert(c, 9);
            }
        });
        insert(held, 2);
        held.commit();
        assertEquals(Set.of(1, 2), committed());

        // A stop while the removed pool drains: the held connection still works in the stop's drain...
        daemon.signal("TERM");
        assertTrue(daemon.awaitOutput("poold stopping", 30), daemon.stdout());
        insert(held, 3);
        held.commit();
        held.close(); // ...and once it is returned, the daemon exits without waiting out the timeout
        assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        assertEquals(Set.of(1, 2, 3), committed());
    }
}
