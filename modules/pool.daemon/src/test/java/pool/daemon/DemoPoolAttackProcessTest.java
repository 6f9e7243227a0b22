package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pool.daemon.config.TestFiles;

/**
 * The shipped {@code config/pools.xml}, as it is but for its ports, run by the packaged
 * daemon, attacked by a remote client through JNDI with the public demo credentials:
 * whatever H2 offers an administrator to run code or touch files must fail, while the
 * README's tour (create a table, insert, select) works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DemoPoolAttackProcessTest {

    @TempDir
    static Path work;
    private PooldProcess daemon;
    private Path config;
    private DataSource demo;

    @BeforeAll
    void startTheShippedConfiguration() throws Exception {
        int registryPort = FreePorts.loopback();
        String shipped = Files.readString(TestFiles.projectRoot().resolve("config/pools.xml"));
        config = Files.writeString(work.resolve("pools.xml"), shipped
                .replace("<rmiRegistryPort>1099<", "<rmiRegistryPort>" + registryPort + "<")
                .replace("<jmxPort>9010<", "<jmxPort>" + FreePorts.loopback() + "<"));
        daemon = PooldProcess.start(work, Map.of(), "--config", config.toString());
        assertTrue(daemon.awaitOutput("poold ready", 60), daemon.stdout() + daemon.stderr());
        // What the file's comment publishes: user demo, password demo.
        demo = RemoteClients.lookup(registryPort, "demo", "demo", "demo");
    }

    @AfterAll
    void stop() throws Exception {
        if (demo instanceof AutoCloseable c) {
            c.close();
        }
        if (daemon != null) {
            daemon.signal("TERM");
            assertEquals(Main.EXIT_OK, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
            daemon.close();
        }
    }

    private void run(String sql) throws SQLException {
        try (Connection c = demo.getConnection(); Statement s = c.createStatement()) {
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            }
        }
    }

    /** H2's SQLState for "Admin rights are required for this operation". */
    private static final String ADMIN_RIGHTS_REQUIRED = "90040";

    private void assertNeedsAdminRights(String sql) {
        SQLException e = assertThrows(SQLException.class, () -> run(sql), sql);
        assertEquals(ADMIN_RIGHTS_REQUIRED, e.getSQLState(), e.getMessage());
    }

    @Test
    void theToursTableWorksAndTheClientIsNoAdministrator() throws Exception {
        try (Connection c = demo.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table greeting(id int primary key, text varchar(40))");
            s.execute("insert into greeting values (1, 'hello through poold')");
            try (ResultSet rs = s.executeQuery("select text from greeting where id = 1")) {
                assertTrue(rs.next());
                assertEquals("hello through poold", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("select current_user, current_schema, (select is_admin from"
                    + " information_schema.users where user_name = current_user)")) {
                assertTrue(rs.next());
                assertEquals("DEMO", rs.getString(1));
                assertEquals("DEMO", rs.getString(2));
                assertFalse(rs.getBoolean(3), "the demo pool's user is no H2 administrator");
            }
        }
    }

    @Test
    void createAliasCannotRunJavaCodeInTheDaemon() throws Exception {
        Path marker = work.resolve("alias-ran");
        assertNeedsAdminRights("CREATE ALIAS PWN AS 'String pwn() throws Exception { java.nio.file.Files.writeString("
                + "java.nio.file.Path.of(\"" + marker + "\"), \"x\"); return \"x\"; }'");
        assertNeedsAdminRights("CREATE ALIAS GETPROP FOR 'java.lang.System.getProperty'");
        assertThrows(SQLException.class, () -> run("CALL PWN()"));
        assertFalse(Files.exists(marker));
    }

    @Test
    void otherWaysToLoadJavaClassesAreRefused() throws Exception {
        run("CREATE TABLE IF NOT EXISTS TRIGGERED(x INT)");
        assertNeedsAdminRights("CREATE TRIGGER T BEFORE INSERT ON TRIGGERED FOR EACH ROW CALL 'org.h2.tools.TriggerAdapter'");
        assertNeedsAdminRights("CREATE AGGREGATE AG FOR 'java.lang.Object'");
        assertNeedsAdminRights("CREATE TABLE ENGINED(x INT) ENGINE \"java.lang.Object\"");
        assertNeedsAdminRights("SET JAVA_OBJECT_SERIALIZER 'java.lang.Object'");
        assertNeedsAdminRights("SET DATABASE_EVENT_LISTENER 'java.lang.Object'");
    }

    @Test
    void filesCannotBeReadThroughThePool() {
        // The daemon's configuration, where another pool's ${file:} password could be named.
        assertNeedsAdminRights("SELECT FILE_READ('" + config + "')");
        assertNeedsAdminRights("SELECT * FROM CSVREAD('" + config + "')");
        assertNeedsAdminRights("RUNSCRIPT FROM '" + config + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT FILE_WRITE(X'41', '%s')", "CALL CSVWRITE('%s', 'SELECT 1')", "SCRIPT TO '%s'",
            "BACKUP TO '%s'", "SET TRACE_LEVEL_FILE 3"})
    void filesCannotBeWrittenThroughThePool(String attack) throws Exception {
        Path target = work.resolve("written-" + Integer.toHexString(attack.hashCode()));
        assertNeedsAdminRights(attack.formatted(target));
        assertFalse(Files.exists(target), target + " was written");
    }

    @Test
    void otherDatabasesCannotBeLinkedIn() {
        assertNeedsAdminRights("CALL LINK_SCHEMA('L', '', 'jdbc:h2:mem:demo', 'POOLD_DATABASE_ADMIN', '', 'PUBLIC')");
        assertNeedsAdminRights("CREATE LINKED TABLE LT('', 'jdbc:h2:mem:demo', 'sa', '', 'INFORMATION_SCHEMA.USERS')");
    }

    @Test
    void theDatabaseCannotBeStoppedNorItsUsersChanged() throws Exception {
        assertNeedsAdminRights("SHUTDOWN");
        assertNeedsAdminRights("SHUTDOWN IMMEDIATELY");
        assertNeedsAdminRights("CREATE USER EVE PASSWORD 'eve'");
        assertNeedsAdminRights("ALTER USER DEMO ADMIN TRUE");
        try (Connection c = demo.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 6 * 7")) {
            assertTrue(rs.next(), "the database still serves");
            assertEquals(42, rs.getInt(1));
        }
    }

    @Test
    void aJavaSerializedGadgetStoredInTheDatabaseIsNeverDeserializedInTheDaemon() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            // A JDK class the daemon has, standing for a gadget chain: what matters is whether it is instantiated.
            out.writeObject(new HashMap<>(Map.of("gadget", "chain")));
        }
        String hex = HexFormat.of().formatHex(bytes.toByteArray());
        try (Connection c = demo.getConnection(); Statement s = c.createStatement()) {
            // A JAVA_OBJECT column travels as the bytes it holds: the daemon's driver does not read it as an object.
            try (ResultSet rs = s.executeQuery("SELECT CAST(X'" + hex + "' AS JAVA_OBJECT)")) {
                assertTrue(rs.next());
                assertArrayEquals(bytes.toByteArray(), (byte[]) rs.getObject(1));
            }
            // Inside an array H2 does deserialize: the JVM-wide rule refuses what no filter of the stream admits.
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs = s.executeQuery("SELECT ARRAY[CAST(X'" + hex + "' AS JAVA_OBJECT)]")) {
                    rs.next();
                    rs.getObject(1);
                }
            });
            assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
        }
        assertTrue(daemon.awaitOutput("serialization rejected: class java.util.HashMap", 10), daemon.stdout());
        assertTrue(daemon.stdout().contains("the stream has no filter of its own"), daemon.stdout());
        assertTrue(daemon.isAlive());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER USER DEMO SET PASSWORD 'locked-out'", "DROP SCHEMA DEMO CASCADE"})
    void aClientChangingThePoolUsersPasswordOrDroppingItsSchemaDoesNotLockThePoolOut(String lockOut) throws Exception {
        try (Connection c = demo.getConnection(); Statement s = c.createStatement()) {
            s.execute(lockOut); // H2 lets any user change its own password and drop its own schema
            s.execute("SET LOCK_TIMEOUT 1000"); // a session change: the pool closes this connection
        }
        // All ten connections of the shipped pool at once: at least one is a new login.
        java.util.List<Connection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Connection c = demo.getConnection();
                held.add(c);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select " + i)) {
                    assertTrue(rs.next());
                    assertEquals(i, rs.getInt(1));
                }
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertTrue(daemon.awaitOutput(lockOut.startsWith("ALTER") ? "a client changed the password of H2 user DEMO"
                : "a client dropped schema DEMO of H2 user DEMO", 10), daemon.stdout());
    }
}
