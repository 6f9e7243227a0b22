package pool.engine.internal.create;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import pool.api.PoolConfig;
import pool.api.spi.ConnectionFactory;
import pool.api.spi.FatalErrors;

/**
 * The default {@link ConnectionFactory}: a JDBC driver found by URL, with the pool's
 * user, password and driver properties, connect and socket timeouts set in the
 * driver's own properties (PostgreSQL: seconds, MariaDB/MySQL: milliseconds; a value
 * given explicitly in driverProperties wins), and the init SQL run once per connection.
 * Validation uses {@code isValid} or the configured test query, both bounded by the
 * validation timeout.
 */
public final class JdbcConnectionFactory implements ConnectionFactory {

    /** No driver on the module/class path takes the URL: retrying cannot help. */
    static final class NoDriverException extends SQLException {
        private static final long serialVersionUID = 1L;

        NoDriverException(String message, Throwable cause) {
            super(message, "08001", cause);
        }
    }

    /** The configured init SQL failed: a configuration error, not a transient one. */
    static final class InitSqlException extends SQLException {
        private static final long serialVersionUID = 1L;

        InitSqlException(String message, SQLException cause) {
            super(message, cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    private final String url;
    private final Properties properties;
    private final String initSql;
    private final String testQuery;
    private volatile Driver driver;

    public JdbcConnectionFactory(PoolConfig config) {
        this.url = config.jdbcUrl();
        this.initSql = blankToNull(config.initSql());
        this.testQuery = blankToNull(config.testQuery());
        this.properties = properties(config);
    }

    /** @return the driver properties a connect gets (password included: never log this) */
    static Properties properties(PoolConfig config) {
        Properties p = new Properties();
        String url = config.jdbcUrl();
        if (url.startsWith("jdbc:postgresql:")) {
            putSeconds(p, "connectTimeout", config.connectTimeout());
            putSeconds(p, "socketTimeout", config.socketTimeout());
        } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            putMillis(p, "connectTimeout", config.connectTimeout());
            putMillis(p, "socketTimeout", config.socketTimeout());
        }
        for (Map.Entry<String, String> e : config.driverProperties().entrySet()) {
            p.setProperty(e.getKey(), e.getValue()); // explicit properties win over derived ones
        }
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        return p;
    }

    private static void putSeconds(Properties p, String key, Duration d) {
        if (!d.isZero()) {
            p.setProperty(key, Long.toString(Math.max(1, (d.toMillis() + 999) / 1000)));
        }
    }

    private static void putMillis(Properties p, String key, Duration d) {
        if (!d.isZero()) {
            p.setProperty(key, Long.toString(Math.max(1, d.toMillis())));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private Driver driver() throws SQLException {
        Driver d = driver;
        if (d == null) {
            try {
                d = DriverManager.getDriver(url);
            } catch (SQLException e) {
                throw new NoDriverException("No JDBC driver accepts URL '" + url + "': put the driver (for example "
                        + "org.postgresql.jdbc or org.mariadb.jdbc) on the module path, or check the URL", e);
            }
            driver = d;
        }
        return d;
    }

    @Override
    public Connection create() throws SQLException {
        Connection c = driver().connect(url, properties);
        if (c == null) {
            throw new NoDriverException("The JDBC driver found for '" + url + "' refused the URL", null);
        }
        if (initSql != null) {
            try (Statement s = c.createStatement()) {
                s.execute(initSql);
            } catch (SQLException e) {
                destroy(c);
                throw new InitSqlException("initSql failed: " + e.getMessage(), e);
            }
        }
        return c;
    }

    @Override
    public boolean validate(Connection connection, Duration timeout) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        try {
            if (testQuery == null) {
                return connection.isValid(seconds);
            }
            try (Statement s = connection.createStatement()) {
                s.setQueryTimeout(seconds);
                s.execute(testQuery);
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void destroy(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // Quietly, per the SPI: the connection is gone either way.
        }
    }

    @Override
    public boolean isConfigurationError(SQLException e) {
        return e instanceof NoDriverException || e instanceof InitSqlException || FatalErrors.isConfigurationError(e);
    }
}
