package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.client.RemoteDataSource;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;

/**
 * {@link StopBoundProcessTest} on PostgreSQL: a remote client's {@code pg_sleep} of an hour
 * neither holds the daemon's stop past its bound nor a removed pool's drain, and does not go on
 * running in PostgreSQL once the daemon gave it up (cancelled before the abort).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StopBoundPostgresIT extends HungStatementStop {

    private Path config(DatabaseServer pg, int port, int jmxPort, boolean withB) throws Exception {
        Path secret = DaemonFiles.dbPassword(work, pg);
        String pool = """
                  <pool name="%s" driver="postgresql">
                    <jdbcUrl>%s</jdbcUrl><user>%s</user><password>${file:%s}</password>
                    <maxSize>3</maxSize><borrowTimeout>10s</borrowTimeout>
                  </pool>
                """;
        return HungStatementStop.config(work, port, jmxPort, password, pool.formatted("a", pg.jdbcUrl(), pg.user(),
                secret) + (withB ? pool.formatted("b", pg.jdbcUrl(), pg.user(), secret) : ""));
    }

    /** Starts a pg_sleep of an hour through {@code ds}; returns once PostgreSQL shows it running. */
    private Future<?> sleepAnHour(DatabaseServer pg, RemoteDataSource ds, String marker) throws Exception {
        Future<?> hung = HungStatementStop.runHung(threads, ds, "select pg_sleep(3600) /* " + marker + " */");
        Await.until("the client's pg_sleep", Duration.ofSeconds(30), () -> {
            if (hung.isDone()) {
                hung.get();
                throw new AssertionError("pg_sleep returned");
            }
            return sleeping(pg, marker) > 0;
        });
        return hung;
    }

    /** Ends the sleep the daemon gave up: PostgreSQL runs it to its end otherwise, an hour beside the other tests. */
    private static void endSleep(DatabaseServer pg, String marker) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             PreparedStatement ps = c.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity"
                     + " where query like ? and pid <> pg_backend_pid()")) {
            ps.setString(1, "%pg_sleep%" + marker + "%");
            ps.executeQuery().close();
        }
    }

    private static int sleeping(DatabaseServer pg, String marker) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             PreparedStatement ps = c.prepareStatement("select count(*) from pg_stat_activity"
                     + " where state = 'active' and query like ? and pid <> pg_backend_pid()")) {
            ps.setString(1, "%pg_sleep%" + marker + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The statement the daemon gave up no longer runs in PostgreSQL: cancelled, not left to its hour. */
    private static void awaitCancelled(DatabaseServer pg, String marker) throws Exception {
        Await.until("PostgreSQL no longer runs the abandoned pg_sleep", Duration.ofSeconds(20),
                () -> sleeping(pg, marker) == 0);
    }

    @Test
    void sigtermExitsZeroWithinItsBoundWhileAPgSleepRuns(@Postgres DatabaseServer pg) throws Exception {
        int port = FreePorts.loopback();
        int jmxPort = FreePorts.loopback();
        PooldProcess daemon = PooldProcess.startReady(work, Map.of(), config(pg, port, jmxPort, false));
        String marker = "stop-" + port;
        try (RemoteDataSource ds = HungStatementStop.client(port, "a", "app", password)) {
            Future<?> hung = sleepAnHour(pg, ds, marker);
            HungStatementStop.stopsWithinItsBound(daemon, port, jmxPort);
            HungStatementStop.endedByTheStop(hung);
            awaitCancelled(pg, marker);
        } finally {
            daemon.close();
            endSleep(pg, marker);
        }
    }

    @Test
    void aRemovedPoolsDrainEndsWhileItsPgSleepRuns(@Postgres DatabaseServer pg) throws Exception {
        int port = FreePorts.loopback();
        int jmxPort = FreePorts.loopback();
        PooldProcess daemon = PooldProcess.startReady(work, Map.of(), config(pg, port, jmxPort, true));
        String marker = "reload-" + port;
        try (RemoteDataSource ds = HungStatementStop.client(port, "b", "app", password)) {
            Future<?> hung = sleepAnHour(pg, ds, marker);
            config(pg, port, jmxPort, false);
            daemon.signal("HUP");
            assertTrue(daemon.awaitOutput("removed [b]", 60), daemon.stdout());
            assertTrue(daemon.awaitOutput("pool 'b' (removed): closed after the drain timeout", 60), daemon.stdout());
            HungStatementStop.endedByTheStop(hung);
            awaitCancelled(pg, marker);
            HungStatementStop.stopsWithinItsBound(daemon, port, jmxPort);
        } finally {
            daemon.close();
            endSleep(pg, marker);
        }
    }
}
