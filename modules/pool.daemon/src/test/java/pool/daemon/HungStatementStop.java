package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import pool.client.RemoteDataSource;
import pool.remote.PasswordHash;

/**
 * What the stop-bound tests share: their client user's password, a working directory, threads
 * for statements that never return (stopped after each test), a remote client, and the check
 * that a stopped daemon left nothing behind.
 */
abstract class HungStatementStop {

    final String password = java.util.UUID.randomUUID().toString();
    final ExecutorService threads = threads();
    @TempDir
    Path work;

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /**
     * Writes {@code work/pools.xml}: a daemon on loopback {@code port} (registry) and
     * {@code jmxPort} with a drain timeout of 2 s, client user {@code app} with {@code password},
     * and {@code pools} (pool elements) as they are.
     */
    static Path config(Path work, int port, int jmxPort, String password, String pools) throws IOException {
        String hash = PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        return DaemonFiles.config(work, port, jmxPort, "2s", """
                  <clients><user name="app" hash="%s"/></clients>
                %s""".formatted(hash, pools));
    }

    static RemoteDataSource client(int registryPort, String pool, String user, String password) {
        return RemoteDataSource.builder("rmi://127.0.0.1:" + registryPort + "/pools/" + pool).user(user)
                .password(password).releaseDelay(Duration.ZERO).build();
    }

    /**
     * Runs {@code sql} on a connection of {@code ds} on a thread of its own: it is meant not to
     * return while the daemon runs.
     */
    static Future<?> runHung(ExecutorService on, RemoteDataSource ds, String... sql) {
        return on.submit(() -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                for (String each : sql) {
                    s.execute(each);
                }
            }
            return null;
        });
    }

    private static ExecutorService threads() {
        return Executors.newCachedThreadPool(r -> Thread.ofPlatform().daemon(true).name("hung-statement").unstarted(r));
    }

    /** Stops {@code daemon} with SIGTERM and checks that it ended with 0 and freed its ports. */
    static void stopsWithinItsBound(PooldProcess daemon, int... ports) throws Exception {
        daemon.signal("TERM");
        // awaitExit waits 60 s: far less than the statements' own limits (an hour), far more
        // than the stop's bound with these tests' drainTimeout.
        assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        assertTrue(daemon.stdout().contains("poold stopped"), daemon.stdout());
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(s.isBound());
            } catch (IOException e) {
                throw new AssertionError("port " + port + " is still bound after the daemon exited", e);
            }
        }
    }

    /** Exceptions the hung statement may end with once the daemon is gone; anything else fails. */
    static void endedByTheStop(Future<?> hung) throws InterruptedException {
        try {
            hung.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause() instanceof SQLException, e.getCause().toString());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the client's statement still waits after the daemon exited", e);
        }
    }
}
