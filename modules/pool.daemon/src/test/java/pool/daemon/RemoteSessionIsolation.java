package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import pool.client.RemoteDataSource;
import pool.remote.PasswordHash;
import pool.testsupport.db.DatabaseServer;

/**
 * Two client users of one pool with a single connection, through the packaged daemon in
 * its own process: what one client's SQL leaves in the database session (settings,
 * temporary tables, prepared statements, variables, locks) must not reach the other, who
 * borrows the same physical connection next. {@link RemotePostgresSessionIsolationIT} and
 * {@link RemoteMariaDbSessionIsolationIT} run it on each database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class RemoteSessionIsolation {

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String table = "iso_" + run;
    private final String alicePassword = UUID.randomUUID().toString();
    private final String bobPassword = UUID.randomUUID().toString();
    private Path work;
    private PooldProcess daemon;
    private int port;
    RemoteDataSource alice;
    RemoteDataSource bob;

    abstract DatabaseServer server();

    /** @return the pool's driver attribute */
    abstract String driver();

    @BeforeAll
    void startDaemon() throws Exception {
        DatabaseServer db = server();
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (id int)");
        }
        work = Files.createTempDirectory("poold-iso-");
        Path dbPassword = DaemonFiles.dbPassword(work, db);
        port = FreePorts.loopback();
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <rmiRegistryPort>%d</rmiRegistryPort>
                    <jmxPort>%d</jmxPort>
                    <drainTimeout>5s</drainTimeout>
                  </daemon>
                  <clients>
                    <user name="alice" hash="%s"/>
                    <user name="bob" hash="%s"/>
                  </clients>
                  <pool name="shared" driver="%s">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <maxSize>1</maxSize>
                    <borrowTimeout>20s</borrowTimeout>
                    <validationSkipWindow>10m</validationSkipWindow>
                    <clientUsers>alice bob</clientUsers>
                  </pool>
                </poold>
                """.formatted(port, FreePorts.loopback(), hash(alicePassword), hash(bobPassword), driver(), db.jdbcUrl(),
                db.user(), dbPassword));
        daemon = PooldProcess.start(work, Map.of("POOLD_JAVA_OPTS", "-Xmx64m"), "--config", config.toString());
        if (!daemon.awaitOutput("poold ready", 60)) {
            daemon.close();
            throw new AssertionError("daemon did not start within 60 s: " + daemon.stdout() + daemon.stderr());
        }
        alice = client("alice", alicePassword);
        bob = client("bob", bobPassword);
    }

    private static String hash(String password) {
        return PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    }

    /** A client whose close() gives the connection back at once, so the other can borrow it next. */
    private RemoteDataSource client(String user, String password) {
        return RemoteDataSource.builder("127.0.0.1", port, "shared").user(user).password(password)
                .releaseDelay(Duration.ZERO).build();
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
        if (daemon != null) {
            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
        try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
            s.execute("drop table " + table);
        }
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    int committedRows() throws SQLException {
        try (Connection c = server().openConnection()) {
            return Integer.parseInt(one(c, "select count(*) from " + table));
        }
    }
}
