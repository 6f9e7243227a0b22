package pool.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import pool.api.PoolConfig;
import pool.daemon.config.DriverKind;
import pool.daemon.config.PoolDefinition;
import pool.daemon.config.UnprivilegedH2User;

class EmbeddedH2Test {

    /** Each test its own in-memory database: they live as long as the JVM. */
    private final String database = "embedded_" + UUID.randomUUID().toString().replace("-", "");

    private PoolDefinition definition(String user, String schema) {
        PoolConfig config = PoolConfig.builder("p").jdbcUrl("jdbc:h2:mem:" + database).user(user)
                .defaultSchema(schema).build();
        return new PoolDefinition(config, DriverKind.H2, Definitions.HERE, null,
                new UnprivilegedH2User(database, schema));
    }

    private static Connection connect(PoolConfig c) throws SQLException {
        Connection conn = DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password());
        conn.setSchema(c.defaultSchema());
        return conn;
    }

    @Test
    void thePoolsUserOwnsItsSchemaAndIsNoAdministrator() throws Exception {
        PoolConfig c = EmbeddedH2.prepare(definition("app", "SALES"));

        assertEquals("jdbc:h2:mem:" + database + ";IFEXISTS=TRUE", c.jdbcUrl());
        assertTrue(c.password().length() >= 43, "a random password of 256 bits");
        try (Connection conn = connect(c); Statement s = conn.createStatement()) {
            s.execute("create table t(id int)");
            s.execute("insert into t values (1)");
            try (ResultSet rs = s.executeQuery("select current_user, (select is_admin from information_schema.users"
                    + " where user_name = current_user), (select count(*) from t)")) {
                assertTrue(rs.next());
                assertEquals("APP", rs.getString(1));
                assertFalse(rs.getBoolean(2));
                assertEquals(1, rs.getInt(3));
            }
            SQLException e = assertThrows(SQLException.class, () -> s.execute("create alias x for 'java.lang.Math.abs'"));
            assertEquals("90040", e.getSQLState(), e.getMessage());
        }
    }

    @Test
    void aPoolPreparedAgainLogsInToTheSameDatabaseWithTheSamePassword() throws Exception {
        PoolConfig first = EmbeddedH2.prepare(definition("app", "SALES"));
        try (Connection conn = connect(first); Statement s = conn.createStatement()) {
            s.execute("create table kept(id int)");
        }
        // A reload that replaces the pool, even with another schema for the same user.
        PoolConfig again = EmbeddedH2.prepare(definition("app", "SALES2"));

        assertEquals(first.password(), again.password());
        try (Connection conn = connect(again); Statement s = conn.createStatement()) {
            s.execute("create table t2(id int)");
            try (ResultSet rs = s.executeQuery("select count(*) from sales.kept")) {
                assertTrue(rs.next(), "the data of the first pool is still there");
            }
        }
    }

    @Test
    void theConnectionsNeverCreateTheDatabaseAgain() throws Exception {
        PoolConfig c = EmbeddedH2.prepare(definition("app", "SALES"));
        PoolConfig elsewhere = c.toBuilder().jdbcUrl("jdbc:h2:mem:never_" + database + ";IFEXISTS=TRUE").build();
        SQLException e = assertThrows(SQLException.class, () -> connect(elsewhere).close());
        assertEquals("90146", String.valueOf(e.getErrorCode()), e.getMessage()); // database not found
    }

    @Test
    void aDatabaseSomeoneElseCreatedFirstIsRefused() throws Exception {
        try (Connection first = DriverManager.getConnection("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "sa", "")) {
            EmbeddedH2.SetupException e = assertThrows(EmbeddedH2.SetupException.class,
                    () -> EmbeddedH2.prepare(definition("app", "SALES")));
            assertTrue(e.getMessage().contains("exists already (another pool opened it first)"), e.getMessage());
        }
    }

    @Test
    void theAdministratorsNameCannotBeThePoolsUser() {
        EmbeddedH2.SetupException e = assertThrows(EmbeddedH2.SetupException.class,
                () -> EmbeddedH2.prepare(definition("poold_database_admin", "SALES")));
        assertTrue(e.getMessage().contains("choose another <user>"), e.getMessage());
    }

    @Test
    void aSchemaAnotherUserOwnsIsRefused() throws Exception {
        EmbeddedH2.prepare(definition("app", "SALES"));
        EmbeddedH2.SetupException e = assertThrows(EmbeddedH2.SetupException.class,
                () -> EmbeddedH2.prepare(definition("other", "SALES")));
        assertTrue(e.getMessage().contains("schema SALES belongs to APP, not to OTHER"), e.getMessage());
    }

    @Test
    void theDatabaseIsMadeAtThePoolsFirstConnectionNotWhenThePoolIsMade() throws Exception {
        PoolDefinition def = definition("app", "SALES");
        PoolConfig c = EmbeddedH2.poolConfig(def);
        var connections = EmbeddedH2.connections(def);

        assertEquals("jdbc:h2:mem:" + database + ";IFEXISTS=TRUE", c.jdbcUrl());
        SQLException none = assertThrows(SQLException.class, () -> DriverManager.getConnection(c.jdbcUrl(), "sa", ""));
        assertEquals("90146", none.getSQLState(), "no database yet: " + none.getMessage());
        try (Connection conn = connections.create(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("select current_user, current_schema, (select is_admin from"
                     + " information_schema.users where user_name = current_user)")) {
            assertTrue(rs.next());
            assertEquals("APP", rs.getString(1));
            assertEquals("SALES", rs.getString(2));
            assertFalse(rs.getBoolean(3));
        }
        try (Connection second = connections.create()) {
            assertEquals("APP", second.getMetaData().getUserName());
        }
    }

    @Test
    void aDatabaseThatCannotBePreparedFailsEachLoginSayingWhy() throws Exception {
        EmbeddedH2.prepare(definition("app", "SALES"));
        PoolDefinition other = definition("other", "SALES");
        EmbeddedH2.poolConfig(other); // nothing wrong that can be seen without the database
        var connections = EmbeddedH2.connections(other);

        for (int attempt = 0; attempt < 2; attempt++) {
            SQLException e = assertThrows(SQLException.class, connections::create);
            assertTrue(e.getMessage().contains("schema SALES belongs to APP, not to OTHER"), e.getMessage());
            assertEquals("08001", e.getSQLState());
            assertTrue(EmbeddedH2.setupFailure(e) != null, "the registry words a fail-fast start with it");
        }
    }

    @Test
    void theAdministratorsNameIsRefusedBeforeAnyDatabaseIsMade() {
        EmbeddedH2.SetupException e = assertThrows(EmbeddedH2.SetupException.class,
                () -> EmbeddedH2.poolConfig(definition("poold_database_admin", "SALES")));
        assertTrue(e.getMessage().contains("name of the database's administrator"), e.getMessage());
    }

    @Test
    void aFailFastPoolWhoseDatabaseCannotBePreparedFailsTheStartSayingWhy() throws Exception {
        EmbeddedH2.prepare(definition("app", "SALES"));
        PoolDefinition other = definition("other", "SALES");
        PoolDefinition failFast = new PoolDefinition(other.config().toBuilder()
                .initialization(pool.api.Initialization.FAIL_FAST).build(), DriverKind.H2, Definitions.HERE, null,
                other.h2User());
        PoolRegistry registry = new PoolRegistry(PoolFactory.ENGINE);
        PoolStartException e = assertThrows(PoolStartException.class, () -> registry.start(java.util.List.of(failFast)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).endsWith("pool 'p': schema SALES belongs to APP, not to OTHER: give"
                + " <h2UnprivilegedUser> a schema of its own"), e.problems().get(0));
    }

    @Test
    void aPoolInTheBackgroundStartsBeforeItsDatabaseExistsAndMakesItThen() throws Exception {
        PoolRegistry registry = new PoolRegistry(PoolFactory.ENGINE);
        registry.start(java.util.List.of(definition("app", "SALES")));
        try {
            var pool = registry.pool("p").orElseThrow();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select current_user, current_schema")) {
                assertTrue(rs.next());
                assertEquals("APP", rs.getString(1));
                assertEquals("SALES", rs.getString(2));
            }
        } finally {
            registry.shutdown(java.time.Duration.ofSeconds(5));
        }
    }
}
