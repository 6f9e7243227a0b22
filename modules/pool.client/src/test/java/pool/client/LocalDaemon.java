package pool.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;

/**
 * The daemon's remote service run in the test's JVM, and everything a test opened against it
 * (data sources, raw channels), closed in reverse order by {@link #close()} from the test's
 * {@code @AfterEach}, so that a failing test leaves no thread or port behind for the next.
 */
final class LocalDaemon implements AutoCloseable {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private RemoteServer server;

    /** Starts the service on a free loopback port. */
    RemoteServer start(RemoteServerConfig config) throws Exception {
        server = RemoteServer.start(config.withPort(0));
        return server;
    }

    RemoteServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    /** @return a data source for {@code pool} that returns its sessions at once, closed with the daemon */
    RemoteDataSource dataSource(String pool, String user, String password) {
        RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:" + port() + "/pools/" + pool).user(user)
                .password(password).releaseDelay(Duration.ZERO).build();
        return closedAtEnd(ds);
    }

    /** @return {@code c}, closed before the service by {@link #close()} */
    synchronized <T extends AutoCloseable> T closedAtEnd(T c) {
        opened.push(c);
        return c;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable c; (c = next()) != null; ) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (server != null) {
            server.close();
        }
        if (first != null) {
            throw first;
        }
    }

    private synchronized AutoCloseable next() {
        return opened.poll();
    }
}
