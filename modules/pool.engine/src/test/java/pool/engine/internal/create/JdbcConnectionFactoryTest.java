package pool.engine.internal.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import pool.api.PoolConfig;
import pool.engine.internal.dialect.Dialect;
import pool.stubdriver.StubDatabase;

class JdbcConnectionFactoryTest {

    private static Properties properties(PoolConfig config) {
        return JdbcConnectionFactory.properties(config, Dialect.forUrl(config.jdbcUrl()));
    }

    private static PoolConfig.Builder cfg(String url) {
        return PoolConfig.builder("p").jdbcUrl(url).user("u").password("pw")
                .connectTimeout(Duration.ofMillis(2500)).socketTimeout(Duration.ofSeconds(30));
    }

    @Test
    void postgresqlTimeoutsAreSetInSecondsAndTheConnectReadsWithConnectTimeout() {
        PoolConfig config = cfg("jdbc:postgresql://h/db").build();
        Properties p = properties(config);
        assertEquals("3", p.getProperty("connectTimeout"));
        // pgjdbc's handshake reads with socketTimeout: bounded by connectTimeout, and the
        // configured socketTimeout set once the connection is open.
        assertEquals("3", p.getProperty("socketTimeout"));
        assertEquals(30_000, socketTimeoutAfterConnect(config));
        assertEquals("u", p.getProperty("user"));
        assertEquals("pw", p.getProperty("password"));
    }

    private static int socketTimeoutAfterConnect(PoolConfig config) {
        return Dialect.forUrl(config.jdbcUrl()).socketTimeoutAfterConnect(config.connectTimeout(),
                config.socketTimeout(), config.driverProperties().keySet());
    }

    @Test
    void mariadbTimeoutsAreSetInMilliseconds() {
        Properties p = properties(cfg("jdbc:mariadb://h/db").build());
        assertEquals("2500", p.getProperty("connectTimeout"));
        assertEquals("30000", p.getProperty("socketTimeout"));
        assertEquals("true", p.getProperty("useResetConnection"), "the session reset needs the driver's option");
    }

    @Test
    void explicitDriverPropertiesWinOverWhatTheDialectAdds() {
        Properties p = properties(cfg("jdbc:mariadb://h/db").driverProperty("useResetConnection", "false").build());
        assertEquals("false", p.getProperty("useResetConnection"));
    }

    @Test
    void explicitDriverPropertiesWinOverDerivedTimeouts() {
        PoolConfig config = cfg("jdbc:postgresql://h/db").driverProperty("socketTimeout", "99").build();
        assertEquals("99", properties(config).getProperty("socketTimeout"));
        assertEquals(-1, socketTimeoutAfterConnect(config), "the explicit value stays after the connect too");
    }

    @Test
    void zeroSocketTimeoutLeavesTheDriversDefaultOnceConnected() {
        PoolConfig config = cfg("jdbc:postgresql://h/db").socketTimeout(Duration.ZERO).build();
        assertEquals(0, socketTimeoutAfterConnect(config));
        PoolConfig noTimeouts = cfg("jdbc:postgresql://h/db").connectTimeout(Duration.ZERO)
                .socketTimeout(Duration.ZERO).build();
        assertNull(properties(noTimeouts).getProperty("socketTimeout"));
        assertEquals(-1, socketTimeoutAfterConnect(noTimeouts));
        assertEquals(-1, socketTimeoutAfterConnect(cfg("jdbc:mariadb://h/db").build()),
                "MariaDB's connectTimeout bounds its handshake itself");
    }

    @Test
    void unknownUrlIsAConfigurationError() {
        JdbcConnectionFactory f = new JdbcConnectionFactory(cfg("jdbc:nosuchdriver://h/db").build());
        SQLException e = assertThrows(SQLException.class, f::create);
        assertTrue(f.isConfigurationError(e));
        assertTrue(e.getMessage().contains("No JDBC driver"), e.getMessage());
    }

    @Test
    void badPasswordIsAConfigurationErrorAndRefusedConnectIsNot() {
        StubDatabase db = StubDatabase.unique("cfgerr");
        JdbcConnectionFactory f = new JdbcConnectionFactory(cfg(db.url()).build());
        db.configurationError(true);
        assertTrue(f.isConfigurationError(assertThrows(SQLException.class, f::create)));
        db.configurationError(false).failNextConnects(1);
        assertFalse(f.isConfigurationError(assertThrows(SQLException.class, f::create)));
    }

    @Test
    void validationUsesIsValidOrTheTestQuery() throws SQLException {
        StubDatabase db = StubDatabase.unique("val");
        JdbcConnectionFactory byIsValid = new JdbcConnectionFactory(cfg(db.url()).build());
        JdbcConnectionFactory byQuery = new JdbcConnectionFactory(cfg(db.url()).testQuery("select 1").build());
        try (Connection c = byIsValid.create()) {
            assertTrue(byIsValid.validate(c, Duration.ofSeconds(1)));
            assertEquals(1, db.validations());
            assertTrue(byQuery.validate(c, Duration.ofSeconds(1)));
            assertEquals(1, db.statementsExecuted());
            ((pool.stubdriver.StubConnection) c).breakConnection();
            assertFalse(byIsValid.validate(c, Duration.ofSeconds(1)));
            assertFalse(byQuery.validate(c, Duration.ofSeconds(1)));
        }
    }
}
