package pool.engine.internal.create;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import pool.api.PoolConfig;
import pool.api.spi.ConnectionFactory;
import pool.api.spi.FatalErrors;
import pool.engine.internal.dialect.Dialect;

/**
 * The default {@link ConnectionFactory}: a JDBC driver found by URL, with the pool's
 * user, password and driver properties, and the properties its {@link Dialect} adds
 * (connect and socket timeouts in the driver's own units; a value given explicitly in
 * driverProperties wins). The pool's init SQL is not run here: the pool runs it
 * (see {@code SessionSetup}), after every session reset too. Validation uses
 * {@code isValid} or the configured test query, both bounded by the validation timeout.
 */
public final class JdbcConnectionFactory implements ConnectionFactory {

    /** No driver on the module/class path takes the URL: retrying cannot help. */
    static final class NoDriverException extends SQLException {
        private static final long serialVersionUID = 1L;

        NoDriverException(String message, Throwable cause) {
            super(message, "08001", cause);
        }
    }

    private final String url;
    private final Properties properties;
    private final String testQuery;
    /** The read timeout to set once connected (the connect had its own), or -1: see Dialect. */
    private final int socketTimeoutAfterConnect;
    private volatile Driver driver;

    public JdbcConnectionFactory(PoolConfig config) {
        this(config, Dialect.forUrl(config.jdbcUrl()));
    }

    /** @param dialect the pool's dialect, for the driver properties it adds */
    public JdbcConnectionFactory(PoolConfig config, Dialect dialect) {
        this.url = config.jdbcUrl();
        this.testQuery = config.testQuery();
        this.properties = properties(config, dialect);
        this.socketTimeoutAfterConnect = dialect.socketTimeoutAfterConnect(config.connectTimeout(),
                config.socketTimeout(), config.driverProperties().keySet());
    }

    /** @return the driver properties a connect gets (password included: never log this) */
    static Properties properties(PoolConfig config, Dialect dialect) {
        Properties p = new Properties();
        dialect.driverProperties(p, config.connectTimeout(), config.socketTimeout());
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
        if (socketTimeoutAfterConnect >= 0) {
            try {
                c.setNetworkTimeout(Runnable::run, socketTimeoutAfterConnect);
            } catch (SQLException | RuntimeException e) {
                destroy(c);
                throw e;
            }
        }
        return c;
    }

    @Override
    public boolean validate(Connection connection, Duration timeout) {
        return ConnectionFactory.validate(connection, testQuery, timeout);
    }

    @Override
    public boolean isConfigurationError(SQLException e) {
        return e instanceof NoDriverException || FatalErrors.isConfigurationError(e);
    }
}
