package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.client.RemoteDataSource;
import pool.testsupport.await.Await;

/**
 * A stop (SIGTERM) of the packaged daemon on an H2 pool whose borrowed connections run
 * statements that do not return (each waits for a lock another holds, with an hour's lock
 * timeout): the borrowed connections get the drain timeout, what is left is aborted, and the
 * daemon exits 0 within its bound with nothing left listening. The same for a pool a reload
 * removes: its drain ends although its statement still waits.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StopBoundProcessTest extends HungStatementStop {

    private Path config(int port, int jmxPort, boolean withB) throws Exception {
        String pool = """
                  <pool name="%1$s" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:%1$s;DB_CLOSE_DELAY=-1</jdbcUrl><maxSize>4</maxSize><borrowTimeout>10s</borrowTimeout>
                  </pool>
                """;
        return HungStatementStop.config(work, port, jmxPort, password,
                pool.formatted("a") + (withB ? pool.formatted("b") : ""));
    }

    /**
     * Holds a row lock of table t on one connection of {@code ds} and starts a statement on
     * another that waits for it, for up to an hour; returns once H2 shows that one waiting.
     */
    private Future<?> hangOnALock(RemoteDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // A statement that waits an hour, whatever is cancelled or closed meanwhile (Thread.sleep
            // has two overloads of one parameter, which H2 refuses).
            s.execute("create alias sleep for 'java.util.concurrent.locks.LockSupport.parkNanos'");
            s.execute("create table t(x int)");
            s.execute("insert into t values (0)");
        }
        // parkNanos may return early without cause: the holder parks again, so its lock stays held.
        Future<?> holder = HungStatementStop.runHung(threads, ds, "update t set x = 1", "call sleep(3600000000000)",
                "call sleep(3600000000000)", "call sleep(3600000000000)", "call sleep(3600000000000)");
        Await.until("the lock holder's update", Duration.ofSeconds(30), () -> running(holder) && waiting(ds, "SLEEP") > 0);
        Future<?> waiter = HungStatementStop.runHung(threads, ds, "set lock_timeout 3600000", "update t set x = 2");
        Await.until("a statement waiting for the lock", Duration.ofSeconds(30), () -> running(waiter) && waiting(ds, "X = 2") > 0);
        return waiter;
    }

    /** @return true while {@code f} runs; its failure if it ended */
    private static boolean running(Future<?> f) throws Exception {
        if (f.isDone()) {
            f.get();
            throw new AssertionError("the statement returned");
        }
        return true;
    }

    /** @return how many sessions run a statement containing {@code text} */
    private static int waiting(RemoteDataSource ds, String text) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from information_schema.sessions"
                     + " where upper(executing_statement) like '%" + text + "%'"
                     + " and executing_statement not like '%information_schema%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void sigtermExitsZeroWithinItsBoundWhileAStatementNeverReturns() throws Exception {
        int port = FreePorts.loopback();
        int jmxPort = FreePorts.loopback();
        PooldProcess daemon = PooldProcess.startReady(work, Map.of(), config(port, jmxPort, false));
        try (RemoteDataSource ds = HungStatementStop.client(port, "a", "app", password)) {
            Future<?> hung = hangOnALock(ds);
            HungStatementStop.stopsWithinItsBound(daemon, port, jmxPort);
            assertTrue(daemon.stdout().contains("aborted"), daemon.stdout());
            HungStatementStop.endedByTheStop(hung);
        } finally {
            daemon.close();
        }
    }

    @Test
    void aPoolARemovalDrainsEndsInBoundedTimeWhileItsStatementNeverReturns() throws Exception {
        int port = FreePorts.loopback();
        int jmxPort = FreePorts.loopback();
        PooldProcess daemon = PooldProcess.startReady(work, Map.of(), config(port, jmxPort, true));
        try (RemoteDataSource ds = HungStatementStop.client(port, "b", "app", password)) {
            Future<?> hung = hangOnALock(ds);
            config(port, jmxPort, false);
            daemon.signal("HUP");
            assertTrue(daemon.awaitOutput("removed [b]", 60), daemon.stdout());
            assertTrue(daemon.awaitOutput("pool 'b' (removed): closed after the drain timeout", 60), daemon.stdout());
            // The next reload is answered: nothing of the removed pool holds the control thread.
            Files.writeString(work.resolve("pools.xml"), Files.readString(work.resolve("pools.xml"))
                    .replace("<maxSize>4</maxSize>", "<maxSize>5</maxSize>"));
            daemon.signal("HUP");
            assertTrue(daemon.awaitOutput("retuned [a]", 60), daemon.stdout());
            HungStatementStop.stopsWithinItsBound(daemon, port, jmxPort);
            HungStatementStop.endedByTheStop(hung);
        } finally {
            daemon.close();
        }
    }
}
