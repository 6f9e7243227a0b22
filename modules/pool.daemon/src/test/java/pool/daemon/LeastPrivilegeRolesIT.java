package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pool.daemon.config.TestFiles;
import pool.remote.PasswordHash;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.MariaDb;
import pool.testsupport.db.Postgres;

/**
 * The least-privilege examples of {@code config/examples/least-privilege-*.sql}, run as
 * they are (names and password swapped for the test's) on the real servers, and a pool
 * of the packaged daemon logging in with each: a remote client can work with the
 * application's tables, and is refused the rest of what the database could do.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LeastPrivilegeRolesIT {

    private static final String CLIENT_PASSWORD = "client-pw";

    @TempDir
    Path work;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String role = "orders_app_" + run;
    private final String table = "lp_item_" + run;
    private final String rolePassword = UUID.randomUUID().toString();

    /** @return the statements of an example file, comments dropped, names swapped */
    private List<String> example(String file, Map<String, String> names) throws Exception {
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(TestFiles.projectRoot().resolve("config/examples").resolve(file))) {
            int comment = line.indexOf("--");
            sql.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        String text = sql.toString();
        for (Map.Entry<String, String> n : names.entrySet()) {
            text = text.replace(n.getKey(), n.getValue());
        }
        List<String> statements = new ArrayList<>();
        for (String s : text.split(";")) {
            if (!s.isBlank()) {
                statements.add(s.strip());
            }
        }
        return statements;
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private String pool(String name, String driver, DatabaseServer db) {
        return """
                  <pool name="%s" driver="%s">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>%s</password>
                    <maxSize>2</maxSize>
                    <clientUsers>client</clientUsers>
                  </pool>
                """.formatted(name, driver, db.jdbcUrl(), role, rolePassword);
    }

    private static DataSource lookup(int port, String pool) throws Exception {
        return RemoteClients.lookup(port, "client", CLIENT_PASSWORD, pool);
    }

    private static void run(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Object value(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getObject(1);
        }
    }

    /** The application's work through the pool: every kind of row change, and reading. */
    private void useTheTable(DataSource ds) throws SQLException {
        run(ds, "insert into " + table + " (id, label) values (1, 'one'), (2, 'two')");
        run(ds, "update " + table + " set label = 'uno' where id = 1");
        run(ds, "delete from " + table + " where id = 2");
        assertEquals("uno", value(ds, "select label from " + table + " where id = 1"));
    }

    /** PostgreSQL's insufficient_privilege. */
    private static final String PG_DENIED = "42501";
    /** MariaDB's access denied: 42000 for object and command rights, 28000 for global ones (FILE). */
    private static final Set<String> MARIADB_DENIED = Set.of("42000", "28000");

    private static void refused(DataSource ds, Set<String> states, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> run(ds, sql), sql);
        assertTrue(states.contains(e.getSQLState()), sql + ": " + e.getSQLState() + " " + e.getMessage());
    }

    @Test
    void aClientOfAPoolOnTheExampleRolesWorksWithTheTablesAndNothingMore(@Postgres DatabaseServer pg,
            @MariaDb DatabaseServer maria) throws Exception {
        try (Connection admin = pg.adminConnection()) {
            execute(admin, example("least-privilege-postgresql.sql", Map.of("orders_app", role,
                    "orders_owner", pg.user(), "DATABASE orders", "DATABASE " + DatabaseServer.DATABASE,
                    "change-me", rolePassword)));
        }
        try (Connection admin = maria.adminConnection()) {
            execute(admin, example("least-privilege-mariadb.sql", Map.of("orders_app", role,
                    "orders.*", DatabaseServer.DATABASE + ".*", "change-me", rolePassword)));
        }
        // The tables come after the grants: PostgreSQL's default privileges must cover them.
        for (DatabaseServer db : List.of(pg, maria)) {
            try (Connection owner = db.openConnection(); Statement s = owner.createStatement()) {
                s.execute("create table " + table + " (id int primary key, label varchar(20))");
            }
        }
        int port = FreePorts.loopback();
        String hash = PasswordHash.create(CLIENT_PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon><drainTimeout>2s</drainTimeout><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort></daemon>
                  <clients><user name="client" hash="%s"/></clients>
                %s%s</poold>
                """.formatted(port, FreePorts.loopback(), hash, pool("pg", "postgresql", pg),
                pool("maria", "mariadb", maria)));
        try (PooldProcess daemon = PooldProcess.start(work, Map.of(), "--config", config.toString())) {
            assertTrue(daemon.awaitOutput("poold ready", 60), daemon.stdout() + daemon.stderr());

            DataSource postgres = lookup(port, "pg");
            useTheTable(postgres);
            refused(postgres, Set.of(PG_DENIED), "create table lp_other_" + run + " (id int)");
            refused(postgres, Set.of(PG_DENIED), "select pg_read_file('/etc/hostname')");
            refused(postgres, Set.of(PG_DENIED), "copy (select 1) to program 'true'");
            refused(postgres, Set.of(PG_DENIED), "copy " + table + " to '/tmp/lp-" + run + "'");
            refused(postgres, Set.of(PG_DENIED), "create role lp_eve_" + run);
            refused(postgres, Set.of(PG_DENIED), "alter role " + role + " superuser");
            refused(postgres, Set.of(PG_DENIED), "set role " + pg.user());
            refused(postgres, Set.of(PG_DENIED), "drop table " + table);

            DataSource mariadb = lookup(port, "maria");
            useTheTable(mariadb);
            refused(mariadb, MARIADB_DENIED, "create table lp_other_" + run + " (id int)");
            assertNull(value(mariadb, "select load_file('/etc/hostname')"), "no FILE privilege: nothing is read");
            refused(mariadb, MARIADB_DENIED, "select 1 into outfile '/tmp/lp-" + run + "'");
            refused(mariadb, MARIADB_DENIED, "create function lp_f() returns int return 1");
            refused(mariadb, MARIADB_DENIED, "create user 'lp_eve'@'%'");
            refused(mariadb, MARIADB_DENIED, "grant all on *.* to '" + role + "'@'127.0.0.1'");
            refused(mariadb, MARIADB_DENIED, "drop table " + table);
            assertEquals(0L, ((Number) value(mariadb, "select count(*) from information_schema.processlist where user <> '"
                    + role + "'")).longValue(), "no PROCESS privilege: other accounts' sessions do not show");

            daemon.signal("TERM");
            assertEquals(Main.EXIT_OK, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        } finally {
            try (Connection admin = pg.adminConnection(); Statement s = admin.createStatement()) {
                s.execute("drop table if exists " + table);
                s.execute("drop owned by " + role);
                s.execute("drop role " + role);
            }
            try (Connection admin = maria.adminConnection(); Statement s = admin.createStatement()) {
                s.execute("drop table if exists " + DatabaseServer.DATABASE + "." + table);
                s.execute("drop user '" + role + "'@'127.0.0.1'");
            }
        }
    }
}
