package pool.stubdriver;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A fast, thread-safe JDBC driver that talks to no database, for unit tests and
 * benchmarks only. URLs are {@code jdbc:stub:<name>} (anything after a {@code ?} or
 * {@code ;} is ignored); each name is one {@link StubDatabase} whose knobs decide
 * how connects, validation and statements behave and which counts what happened.
 *
 * <p>Registered through {@code provides java.sql.Driver} (module path) and
 * {@code META-INF/services} (class path), and with {@link DriverManager} when loaded.
 */
public final class StubDriver implements Driver {

    /** URL prefix this driver accepts. */
    public static final String PREFIX = "jdbc:stub:";

    static {
        try {
            DriverManager.registerDriver(new StubDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Public for {@link java.util.ServiceLoader}. */
    public StubDriver() {
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // JDBC contract: not ours, let DriverManager try the next driver
        }
        return StubDatabase.named(StubDatabase.nameOf(url)).connect(info);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("stub driver does not log");
    }
}
