package pool.engine.internal.create;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import pool.api.spi.ConnectionFactory;

/**
 * The pool's view of a {@link ConnectionFactory}, which may be the application's own: a
 * validation that throws instead of answering counts as a failed one, and a destroy that
 * throws as done. The engine calls both with a connection taken out of the pool (by the
 * reaper, a borrower, the closer); an exception escaping them would leave that connection,
 * and the ones after it in a reaper pass, out of the pool for good, its size counted but
 * never served, and a destroyed connection uncounted.
 */
public final class GuardedFactory implements ConnectionFactory {

    private final ConnectionFactory factory;

    private GuardedFactory(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** @return {@code factory} guarded (once) */
    public static ConnectionFactory of(ConnectionFactory factory) {
        return factory instanceof GuardedFactory || factory instanceof JdbcConnectionFactory ? factory
                : new GuardedFactory(factory);
    }

    @Override
    public Connection create() throws SQLException {
        return factory.create();
    }

    @Override
    public boolean validate(Connection connection, Duration timeout) {
        try {
            return factory.validate(connection, timeout);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void destroy(Connection connection) {
        try {
            factory.destroy(connection);
        } catch (RuntimeException ignored) {
            // Gone from the pool either way; the SPI asks for a quiet close.
        }
    }

    @Override
    public boolean isConfigurationError(SQLException e) {
        return factory.isConfigurationError(e);
    }

    @Override
    public boolean isFatal(SQLException e) {
        return factory.isFatal(e);
    }
}
