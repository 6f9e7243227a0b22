package pool.daemon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import pool.client.RemoteDataSource;

/** What an application does to reach a pool of a daemon under test: a JNDI lookup with poold's context factory. */
final class RemoteClients {

    private RemoteClients() {
    }

    /**
     * @return the data source of {@code pool} on the daemon whose registry is on
     *         127.0.0.1:{@code port}; its context stays open (closing it closes the data
     *         source too) until the data source is closed or the test JVM ends
     */
    static DataSource lookup(int port, String user, String password, String pool) throws NamingException {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        env.put(Context.PROVIDER_URL, "poold://127.0.0.1:" + port);
        env.put(Context.SECURITY_PRINCIPAL, user);
        env.put(Context.SECURITY_CREDENTIALS, password);
        return (DataSource) new InitialContext(env).lookup(pool);
    }

    /** @return {@code value}, as {@code select cast(? as int)} answers it on a connection of {@code ds} */
    static int echo(DataSource ds, int value) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select cast(? as int)")) {
            ps.setInt(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** {@link #echo(DataSource, int)} through a login of its own to {@code pool} on 127.0.0.1:{@code port}, closed after */
    static int echo(int port, String pool, String user, String password, int value) throws SQLException {
        try (RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:" + port + "/pools/" + pool).user(user)
                .password(password).releaseDelay(Duration.ZERO).build()) {
            return echo(ds, value);
        }
    }
}
