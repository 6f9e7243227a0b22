package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import pool.client.RemoteDataSource;
import pool.remote.PasswordHash;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.net.FaultProxy;

/**
 * What an application using the daemon sees when things fail, on a real database: the
 * packaged daemon in its own process with a short lease, a backend killed from another
 * session, client JVMs killed or stopped, and a loopback {@link FaultProxy} between the
 * daemon and the database. {@link RemoteFaultsPostgresIT} and {@link RemoteFaultsMariaDbIT}
 * run these on each database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class RemoteFaultScenarios {

    static final Duration LEASE = Duration.ofSeconds(1);

    final String password = UUID.randomUUID().toString();
    final String table = "fault_item_" + UUID.randomUUID().toString().substring(0, 8);
    Path work;
    int port;
    int jmxPort;
    PooldProcess daemon;
    FaultProxy proxy;

    abstract DatabaseServer server();

    abstract String driver();

    /** @return SQL answering the session's backend id (pid, connection id) */
    abstract String backendIdQuery();

    /** Ends backend {@code id} from {@code admin}, as an operator or a crash would. */
    abstract void killBackend(Connection admin, long id) throws SQLException;

    /** @return SQL that runs for about {@code seconds} */
    abstract String sleep(int seconds);

    /** Makes {@code admin}'s statements wait at most a second for a row lock. */
    abstract void shortLockWait(Connection admin) throws SQLException;

    @BeforeAll
    void startDaemon() throws Exception {
        DatabaseServer db = server();
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + "(id int primary key, name varchar(100) not null)");
            for (int id = 1; id <= 9; id++) {
                s.execute("insert into " + table + " values (" + id + ", 'row " + id + "')");
            }
        }
        work = Files.createTempDirectory("poold-faults-");
        port = FreePorts.loopback();
        jmxPort = FreePorts.loopback();
        proxy = new FaultProxy(db.host(), db.port());
        daemon = PooldProcess.startReady(work, Map.of("POOLD_JAVA_OPTS", "-Xmx64m"), writeConfig());
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
        if (proxy != null) {
            proxy.close();
        }
        try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
            s.execute("drop table " + table);
        }
    }

    Path writeConfig() throws Exception {
        DatabaseServer db = server();
        Path dbPassword = DaemonFiles.dbPassword(work, db);
        String appHash = PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        String opsHash = PasswordHash.create("ops-pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        String pool = """
                  <pool name="%s" driver="%s">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <connectTimeout>1s</connectTimeout>
                    <minIdle>%d</minIdle>
                    <maxSize>%d</maxSize>
                    <borrowTimeout>2s</borrowTimeout>
                    <reaperInterval>200ms</reaperInterval>
                    <clientUsers>app</clientUsers>
                  </pool>
                """;
        String proxied = db.jdbcUrl().replace(":" + db.port() + "/", ":" + proxy.port() + "/");
        return Files.writeString(work.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <rmiRegistryPort>%d</rmiRegistryPort>
                    <jmxPort>%d</jmxPort>
                    <drainTimeout>5s</drainTimeout>
                    <remoteLease>%s</remoteLease>
                  </daemon>
                  <clients><user name="app" hash="%s"/></clients>
                  <jmx><user name="ops" hash="%s" role="monitor"/></jmx>
                %s%s</poold>
                """.formatted(port, jmxPort, LEASE.toMillis() + "ms", appHash, opsHash,
                pool.formatted("direct", driver(), db.jdbcUrl(), db.user(), dbPassword, 0, 4),
                pool.formatted("proxied", driver(), proxied, db.user(), dbPassword, 1, 2)
                + pool.formatted("leaky", driver(), db.jdbcUrl(), db.user(), dbPassword, 0, 2).replace(
                        "<reaperInterval>", "<leakThreshold>1s</leakThreshold><leakReclaim>true</leakReclaim>"
                                + "<reaperInterval>")));
    }

    RemoteDataSource dataSource(String pool) {
        return RemoteDataSource.builder("rmi://127.0.0.1:" + port + "/pools/" + pool).user("app")
                .password(password.toCharArray()).build();
    }

    /** @return attribute {@code name} of pool {@code pool}'s MBean in the daemon */
    Object poolAttribute(String pool, String name) throws Exception {
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:"
                + jmxPort + "/jmxrmi"), Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", "ops-pw"}))) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            return mbs.getAttribute(new ObjectName("poold:type=Pool,name=" + pool), name);
        }
    }

    void awaitNoneActive(String pool) throws Exception {
        Await.value("pool " + pool + " to have no active connection", LEASE.multipliedBy(5).plusSeconds(5),
                () -> (Integer) poolAttribute(pool, "ActiveConnections"), n -> n == 0);
    }

    static long backend(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    String name(int id) throws SQLException {
        try (Connection c = server().openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name from " + table + " where id = " + id)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    // ---------------------------------------------------------------- a backend killed under a held connection

    @Test
    void aBackendKilledUnderAHeldConnectionFailsItsNextCallsAsTheDriverDoesAndThePoolRecovers() throws Exception {
        backendKilled(false);
    }

    @Test
    void aBackendKilledInsideATransactionFailsItsNextCallsAsTheDriverDoesAndThePoolRecovers() throws Exception {
        backendKilled(true);
    }

    /**
     * @return the SQLStates the backend driver itself gives on a connection whose backend was
     *         killed: of the first call after the kill, and of the next one; then what its
     *         {@code isClosed()} says
     */
    private List<String> driversStates(boolean inTransaction) throws Exception {
        try (Connection c = server().openConnection()) {
            c.setAutoCommit(!inTransaction);
            long id = backend(c, backendIdQuery());
            try (Connection admin = server().adminConnection()) {
                killBackend(admin, id);
            }
            String first = assertThrows(SQLException.class, () -> backend(c, "select 1")).getSQLState();
            String next = assertThrows(SQLException.class, () -> backend(c, "select 1")).getSQLState();
            return List.of(first, next, "closed " + c.isClosed());
        }
    }

    private void backendKilled(boolean inTransaction) throws Exception {
        List<String> drivers = driversStates(inTransaction);
        try (RemoteDataSource ds = dataSource("direct")) {
            long destroyedBefore = (Long) poolAttribute("direct", "DestroyedCount");
            long killed;
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(!inTransaction);
                killed = backend(c, backendIdQuery());
                if (inTransaction) {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("update " + table + " set name = 'killed-tx' where id = 2");
                    }
                }
                try (Connection admin = server().adminConnection()) {
                    killBackend(admin, killed);
                }
                SQLException first = assertThrows(SQLException.class, () -> backend(c, "select 1"));
                SQLException next = assertThrows(SQLException.class, () -> backend(c, "select 1"));
                assertEquals(drivers, List.of(first.getSQLState(), next.getSQLState(), "closed " + c.isClosed()),
                        "as the driver says it: " + first.getMessage() + " / " + next.getMessage());
                assertTrue(next.getSQLState().startsWith("08"), next.getMessage());
            }
            awaitNoneActive("direct");
            Await.value("the killed connection destroyed", Duration.ofSeconds(10),
                    () -> (Long) poolAttribute("direct", "DestroyedCount"), n -> n > destroyedBefore);
            try (Connection c = ds.getConnection()) {
                assertNotEquals(killed, backend(c, backendIdQuery()), "a new backend");
            }
            assertTrue(name(2).startsWith("row"), "nothing of the killed transaction was committed");
            awaitNoneActive("direct");
        }
    }

    // ---------------------------------------------------------------- a client JVM that dies or stalls

    @Test
    void aClientKilledHoldingARowLockFreesItWithinTheLease() throws Exception {
        RemoteJdbcScenarios.ClientProcess client = RemoteJdbcScenarios.ClientProcess.start(work, password, List.of(),
                FaultClientMain.class, "lock", Integer.toString(port), "direct", table, "3");
        try {
            assertTrue(client.awaitOutput("HOLDING", 60), client.output());
        } finally {
            client.kill();
        }
        awaitNoneActive("direct");
        try (Connection admin = server().openConnection()) {
            shortLockWait(admin);
            try (Statement s = admin.createStatement()) {
                assertEquals(1, s.executeUpdate("update " + table + " set name = 'after-kill' where id = 3"),
                        "the dead client's row lock is free");
            }
        }
        assertEquals("after-kill", name(3));
    }

    @Test
    void aClientStoppedLongerThanItsLeaseGetsAClearErrorAndCommitsNothing() throws Exception {
        RemoteJdbcScenarios.ClientProcess client = RemoteJdbcScenarios.ClientProcess.start(work, password, List.of(),
                FaultClientMain.class, "lock", Integer.toString(port), "direct", table, "4");
        try {
            assertTrue(client.awaitOutput("HOLDING", 60), client.output());
            client.signal("STOP");
            try {
                awaitNoneActive("direct");
                try (Connection admin = server().openConnection()) {
                    shortLockWait(admin);
                    try (Statement s = admin.createStatement()) {
                        assertEquals(1, s.executeUpdate("update " + table + " set name = 'taken-over' where id = 4"),
                                "the stopped client's row lock is free once its lease ended");
                    }
                }
            } finally {
                client.signal("CONT");
            }
            client.line("go");
            assertTrue(client.awaitOutput("FAILED", 60), client.output());
            assertEquals(0, client.awaitExit(60), client.output());
            assertTrue(client.output().contains("FAILED 08003"), client.output());
        } finally {
            client.kill();
        }
        assertEquals("taken-over", name(4), "neither update of the stopped client's transaction was committed");
        awaitNoneActive("direct");
    }

    // ---------------------------------------------------------------- statements cancelled through the daemon

    @Test
    void cancelAndQueryTimeoutStopAStatementRunningInTheDatabase() throws Exception {
        try (RemoteDataSource ds = dataSource("direct"); Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(1);
                long start = System.nanoTime();
                SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sleep(30)).close());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "stopped by the timeout: " + e);
            }
            try (Statement s = c.createStatement()) {
                Thread canceller = Thread.ofPlatform().start(() -> {
                    try {
                        Thread.sleep(500);
                        s.cancel();
                    } catch (Exception ignored) {
                        // the assertion below says it
                    }
                });
                long start = System.nanoTime();
                assertThrows(SQLException.class, () -> s.executeQuery(sleep(30)).close());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "stopped by cancel()");
                canceller.join();
            }
            assertEquals(1, backend(c, "select 1"), "the connection still works");
        }
        awaitNoneActive("direct");
    }
    // ---------------------------------------------------------------- the database down under the daemon

    @Test
    void aDatabaseDownUnderTheDaemonFailsRemoteBorrowsWithinTheirTimeoutAndTheDaemonRecoversByItself() throws Exception {
        try (RemoteDataSource ds = dataSource("proxied")) {
            try (Connection c = ds.getConnection()) {
                assertEquals(1, backend(c, "select 1"));
            }
            awaitNoneActive("proxied");
            proxy.down();
            try {
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    SQLException e = assertThrows(SQLException.class, () -> {
                        try (Connection c = ds.getConnection()) {
                            backend(c, "select 1");
                        }
                    });
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertTrue(e.getSQLState() != null && e.getSQLState().startsWith("08"),
                            e.getSQLState() + " " + e.getMessage());
                    // borrowTimeout 2 s, connectTimeout 1 s: bounded by the pool's settings, not by the outage
                    assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "took " + took + ": " + e.getMessage());
                }
                Await.value("the pool to say DEGRADED", Duration.ofSeconds(10),
                        () -> poolAttribute("proxied", "State"), "DEGRADED"::equals);
                assertTrue((Long) poolAttribute("proxied", "CreateFailureCount") > 0);
            } finally {
                proxy.up();
            }
            Await.until("a remote borrow to work again", Duration.ofSeconds(20), () -> {
                try (Connection c = ds.getConnection()) {
                    return backend(c, "select 1") == 1;
                } catch (SQLException stillDown) {
                    return false;
                }
            });
            Await.value("the pool to say RUNNING", Duration.ofSeconds(10),
                    () -> poolAttribute("proxied", "State"), "RUNNING"::equals);
            awaitNoneActive("proxied");
        }
        String log = daemon.stdout();
        assertEquals(1, occurrences(log, "pool 'proxied': cannot open a connection"), "one warning per outage: " + log);
        assertEquals(1, occurrences(log, "pool 'proxied': connecting works again"), log);
    }

    static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    // ---------------------------------------------------------------- the network between client and daemon

    @Test
    void aStalledLinkToTheDaemonFailsACallWithinTheNetworkTimeoutAndTheNextConnectionWorks() throws Exception {
        try (FaultProxy link = new FaultProxy("127.0.0.1", port);
             RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:" + link.port() + "/pools/direct")
                     .user("app").password(password.toCharArray()).build()) {
            String timeoutState;
            try (Connection direct = server().openConnection()) {
                direct.setNetworkTimeout(Runnable::run, 1000);
                timeoutState = assertThrows(SQLException.class, () -> backend(direct, sleep(3))).getSQLState();
            }
            Connection c = ds.getConnection();
            Connection unbounded = ds.getConnection(); // no network timeout
            Connection inTransaction = ds.getConnection();
            try {
                inTransaction.setAutoCommit(false);
                assertEquals(1, backend(inTransaction, "select 1"));
                assertEquals(1, backend(c, "select 1"));
                unbounded.setAutoCommit(false);
                assertEquals(1, backend(unbounded, "select 1"));
                c.setNetworkTimeout(Runnable::run, 1000);
                link.stall();
                // isValid(seconds) bounds its check by its argument, as the drivers' do, network timeout or not.
                CompletableFuture<Boolean> valid = CompletableFuture.supplyAsync(() -> {
                    try {
                        return unbounded.isValid(1);
                    } catch (SQLException e) {
                        throw new CompletionException(e);
                    }
                });
                assertFalse(valid.get(15, TimeUnit.SECONDS), "a connection whose daemon does not answer is not valid");
                // close() waits for the rollback, but not for good: past the lease the daemon rolls back by itself.
                CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
                    try {
                        inTransaction.close();
                    } catch (SQLException e) {
                        throw new CompletionException(e);
                    }
                });
                try {
                    closed.get(15, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof SQLException, e.toString()); // the driver's timeout error: fine
                }
                assertTrue(inTransaction.isClosed());
                long start = System.nanoTime();
                SQLException e = assertThrows(SQLException.class, () -> backend(c, "select 2"));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertEquals(timeoutState, e.getSQLState(), "the driver's socket timeout: " + e.getMessage());
                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
                assertTrue(c.isClosed(), "a connection whose call timed out is closed, as the driver's is");
            } finally {
                link.resume();
                c.close();
                unbounded.close();
                inTransaction.close();
            }
            try (Connection again = ds.getConnection()) {
                assertEquals(3, backend(again, "select 3"), "a new connection over a new channel works");
            }
        }
        awaitNoneActive("direct");
    }

    @Test
    void abortFailsACallWaitingOnAStalledLinkAtOnceAsTheDriverDoesAndItsConnectionComesBack() throws Exception {
        // The driver's own: abort closes its socket, and the call blocked on it fails at once.
        SQLException driverError;
        DatabaseServer db = server();
        try (FaultProxy toDb = new FaultProxy(db.host(), db.port())) {
            Connection direct = java.sql.DriverManager.getConnection(
                    db.jdbcUrl().replace(":" + db.port() + "/", ":" + toDb.port() + "/"), db.user(), db.password());
            assertEquals(1, backend(direct, "select 1"));
            toDb.stall();
            driverError = abortedWhileWaiting(direct);
            toDb.resume();
        }
        try (FaultProxy link = new FaultProxy("127.0.0.1", port);
             RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:" + link.port() + "/pools/direct")
                     .user("app").password(password.toCharArray()).build()) {
            Connection c = ds.getConnection(); // no network timeout: only abort ends its wait
            assertEquals(1, backend(c, "select 1"));
            link.stall();
            SQLException e;
            try {
                e = abortedWhileWaiting(c);
                assertTrue(c.isClosed());
            } finally {
                link.resume();
            }
            assertEquals(driverError.getSQLState(), e.getSQLState(), e + " beside the driver's " + driverError);
            assertEquals(standardClass(driverError), standardClass(e), e + " beside the driver's " + driverError);
            try (Connection next = ds.getConnection()) {
                assertEquals(3, backend(next, "select 3"), "the link serves new calls: an abort is no link failure");
            }
        }
        awaitNoneActive("direct");
    }

    /** @return the java.sql class {@code e} is, or extends (pgjdbc's PSQLException is an SQLException) */
    private static Class<?> standardClass(SQLException e) {
        Class<?> c = e.getClass();
        while (!c.getPackageName().equals("java.sql")) {
            c = c.getSuperclass();
        }
        return c;
    }

    /**
     * Runs a query on {@code c} on a thread of its own, aborts {@code c} once that call waits
     * for its answer, and returns what the call threw: within 10 s, as abort does not wait.
     */
    private static SQLException abortedWhileWaiting(Connection c) throws Exception {
        CompletableFuture<Long> call = new CompletableFuture<>();
        Thread caller = Thread.ofPlatform().daemon().start(() -> {
            try {
                call.complete(backend(c, "select 2"));
            } catch (Throwable t) {
                call.completeExceptionally(t);
            }
        });
        Await.until("the call to wait for its answer", Duration.ofSeconds(30),
                () -> java.util.Arrays.stream(caller.getStackTrace())
                        .anyMatch(f -> f.getMethodName().contains("read")));
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            c.abort(executor);
            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> call.get(10, TimeUnit.SECONDS), "the call failed when its connection was aborted");
            assertTrue(failed.getCause() instanceof SQLException, String.valueOf(failed.getCause()));
            return (SQLException) failed.getCause();
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void aStatementOutlivingTheNetworkTimeoutIsCancelledOnTheDaemonAndItsConnectionComesBack() throws Exception {
        try (RemoteDataSource ds = dataSource("direct")) {
            Connection c = ds.getConnection();
            c.setNetworkTimeout(Runnable::run, 1000);
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> backend(c, sleep(30)));
            assertTrue(e.getSQLState().startsWith("08"), e.getSQLState() + " " + e.getMessage());
            assertTrue(c.isClosed(), "closed, as the driver closes a connection whose read timed out");
            c.close();
            try (Connection next = ds.getConnection()) { // carries the timed-out session back
                assertEquals(1, backend(next, "select 1"));
            }
            awaitNoneActive("direct");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20),
                    "the statement was cancelled, not waited for");
        }
    }

    // ---------------------------------------------------------------- the daemon restarted under an application

    @Test
    void aDaemonRestartedOnTheSamePortIsFoundAgainAndCallsDuringTheOutageFailFastWithoutPilingUpThreads()
            throws Exception {
        int ownPort = FreePorts.loopback();
        Path config = Files.writeString(work.resolve("own.xml"), Files.readString(work.resolve("pools.xml"))
                .replace("<rmiRegistryPort>" + port + "<", "<rmiRegistryPort>" + ownPort + "<")
                .replace("<jmxPort>" + jmxPort + "<", "<jmxPort>" + FreePorts.loopback() + "<"));
        PooldProcess first = PooldProcess.startReady(work, Map.of("POOLD_JAVA_OPTS", "-Xmx64m"), config);
        try (RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:" + ownPort + "/pools/direct")
                .user("app").password(password.toCharArray()).build()) {
            ds.setLoginTimeout(10);
            try (Connection c = ds.getConnection()) {
                assertEquals(1, backend(c, "select 1"));
            }
            Connection held = ds.getConnection(); // across the restart, idle
            assertEquals(1, backend(held, "select 1"));
            first.signal("TERM");
            assertEquals(0, first.awaitExit(), first.stdout());
            int threadsBefore = Thread.activeCount();
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                SQLException e = assertThrows(SQLException.class, () -> {
                    try (Connection c = ds.getConnection()) {
                        backend(c, "select 1");
                    }
                });
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertEquals("08001", e.getSQLState(), e.getMessage());
                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took + ": " + e.getMessage());
            }
            assertTrue(Thread.activeCount() <= threadsBefore + 3,
                    "threads " + threadsBefore + " -> " + Thread.activeCount() + ": calls through an outage pile up threads");
            PooldProcess second = PooldProcess.startReady(work, Map.of("POOLD_JAVA_OPTS", "-Xmx64m"), config);
            try {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    long session = backend(c, backendIdQuery());
                    SQLException e = assertThrows(SQLException.class, () -> backend(held, backendIdQuery()),
                            "a connection of the old daemon never reaches one of the new daemon's");
                    assertEquals("08006", e.getSQLState(), e.getMessage());
                    assertTrue(held.isClosed(), "closed, as a driver's connection is after its socket failed");
                    assertEquals(session, backend(c, backendIdQuery()), "the same data source works again by itself");
                    c.rollback();
                }
                held.close();
            } finally {
                second.signal("TERM");
                assertEquals(0, second.awaitExit(), second.stdout());
            }
        } finally {
            first.close();
        }
    }
    // ---------------------------------------------------------------- the daemon hung (SIGSTOP) under an application

    @Test
    void aDaemonStoppedForLongerThanTheLeaseKeepsItsClientsSessionsWhenItResumes() throws Exception {
        try (RemoteDataSource ds = dataSource("direct"); Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long id = backend(c, backendIdQuery());
            try (Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("update " + table + " set name = 'stood-still' where id = 7"));
            }
            // Four leases without a renewal read: as a VM suspended or a SIGSTOP would stop the daemon.
            daemon.signal("STOP");
            try {
                Thread.sleep(LEASE.multipliedBy(4).toMillis());
            } finally {
                daemon.signal("CONT");
            }
            assertEquals(id, backend(c, backendIdQuery()), "the same session, its transaction still open");
            c.commit();
        }
        assertEquals("stood-still", name(7));
        assertTrue(daemon.awaitOutput("poold stood still for", 10), daemon.stdout());
    }

    @Test
    void callsTimingOutOnAHungDaemonFailAtTheirNetworkTimeoutWithoutLeavingAThreadEach() throws Exception {
        int ownPort = FreePorts.loopback();
        Path config = Files.writeString(work.resolve("hung.xml"), Files.readString(work.resolve("pools.xml"))
                .replace("<rmiRegistryPort>" + port + "<", "<rmiRegistryPort>" + ownPort + "<")
                .replace("<jmxPort>" + jmxPort + "<", "<jmxPort>" + FreePorts.loopback() + "<")
                .replace("<remoteLease>" + LEASE.toMillis() + "ms<", "<remoteLease>30s<"));
        PooldProcess hung = PooldProcess.startReady(work, Map.of("POOLD_JAVA_OPTS", "-Xmx64m"), config);
        RemoteDataSource closing = RemoteDataSource.builder("rmi://127.0.0.1:" + ownPort + "/pools/direct").user("app")
                .password(password.toCharArray()).releaseDelay(Duration.ofSeconds(1)).build();
        try (RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:" + ownPort + "/pools/direct")
                .user("app").password(password.toCharArray()).build()) {
            try (Connection c = closing.getConnection()) {
                assertEquals(1, backend(c, "select 1"));
            } // its session waits for the release delay
            List<Connection> held = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Connection c = ds.getConnection();
                assertEquals(1, backend(c, "select 1"));
                c.setNetworkTimeout(Runnable::run, 500);
                held.add(c);
            }
            hung.signal("STOP");
            try {
                int threadsBefore = Thread.activeCount();
                for (Connection c : held) {
                    long start = System.nanoTime();
                    SQLException e = assertThrows(SQLException.class, () -> backend(c, "select 2"));
                    assertTrue(e.getSQLState().startsWith("08"), e.getSQLState() + " " + e.getMessage());
                    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "bounded by the timeout");
                    assertTrue(c.isClosed());
                }
                assertTrue(Thread.activeCount() <= threadsBefore + 2, "threads " + threadsBefore + " -> "
                        + Thread.activeCount() + ": a cancel thread left hanging per timed-out call");
                // Closing a data source gives back what waits, but does not wait for good on a hung daemon.
                CompletableFuture.runAsync(closing::close).get(20, TimeUnit.SECONDS);
            } finally {
                hung.signal("CONT");
            }
            for (Connection c : held) {
                c.close();
            }
            try (Connection c = ds.getConnection()) {
                assertEquals(3, backend(c, "select 3"), "the daemon serves again once it runs");
            }
        } finally {
            hung.signal("TERM");
            assertEquals(0, hung.awaitExit(), hung.stdout());
        }
    }

    // ---------------------------------------------------------------- a result set outliving its connection

    @Test
    void aResultSetOfAnAbortedConnectionFailsItsNextBatchAsTheDriversDoes() throws Exception {
        SQLException driver;
        try (Connection c = server().openConnection()) {
            driver = nextBatchAfter(c, () -> c.abort(Runnable::run));
        }
        try (RemoteDataSource ds = dataSource("direct"); Connection c = ds.getConnection()) {
            assertSameError(driver, nextBatchAfter(c, () -> c.abort(Runnable::run)));
        }
        awaitNoneActive("direct");
    }

    @Test
    void aResultSetOfAReclaimedConnectionFailsItsNextBatchAsTheDriversDoesWhenItsConnectionIsCut() throws Exception {
        // The driver's nearest case: its connection to the database ends under the result set.
        DatabaseServer db = server();
        SQLException driver;
        try (FaultProxy cut = new FaultProxy(db.host(), db.port());
             Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl().replace(":" + db.port() + "/", ":"
                     + cut.port() + "/"), db.user(), db.password())) {
            driver = nextBatchAfter(c, cut::reset);
        }
        try (RemoteDataSource ds = dataSource("leaky"); Connection c = ds.getConnection()) {
            long before = ((Number) poolAttribute("leaky", "LeakReclaimCount")).longValue();
            assertSameError(driver, nextBatchAfter(c, () -> Await.value("the leak reclaim of the held connection",
                    Duration.ofSeconds(30), () -> ((Number) poolAttribute("leaky", "LeakReclaimCount")).longValue(), n -> n > before)));
        }
        awaitNoneActive("leaky");
    }

    interface Step {
        void run() throws Exception;
    }

    /**
     * Reads the first of batches of 2 rows of many, takes the connection away, and reads on.
     *
     * @return what reading the next batch threw
     */
    private SQLException nextBatchAfter(Connection c, Step takeAway) throws Exception {
        c.setAutoCommit(false); // pgjdbc fetches in batches inside a transaction only
        Statement s = c.createStatement();
        s.setFetchSize(2);
        // 6561 rows of 1000 bytes: more than socket buffers hold, so Connector/J's streaming has rows to read
        ResultSet rs = s.executeQuery("select a.id, repeat('x', 1000) from " + table + " a, " + table + " b, " + table
                + " c, " + table + " d");
        assertTrue(rs.next());
        assertTrue(rs.next());
        takeAway.run();
        return assertThrows(SQLException.class, () -> {
            while (rs.next()) {
                rs.getInt(1);
            }
        }, "reading on from a connection taken away");
    }

    private static void assertSameError(SQLException driver, SQLException poold) {
        String both = "driver: " + driver + " (" + driver.getSQLState() + "); poold: " + poold + " ("
                + poold.getSQLState() + ")";
        assertEquals(driver.getSQLState(), poold.getSQLState(), both);
        Class<?> driverClass = driver.getClass().getName().startsWith("java.sql.") ? driver.getClass()
                : SQLException.class; // pgjdbc's PSQLException is a plain SQLException to the application
        assertEquals(driverClass, poold.getClass(), both);
    }

    // ---------------------------------------------------------------- abort(null)

    @Test
    void abortWithoutAnExecutorAnswersAsTheDriversDoesOnAnOpenAndAClosedConnection() throws Exception {
        List<String> driver = new java.util.ArrayList<>();
        try (Connection c = server().openConnection()) {
            driver.add(abortNull(c));
            c.close();
            driver.add(abortNull(c));
        }
        List<String> poold = new java.util.ArrayList<>();
        try (RemoteDataSource ds = dataSource("direct"); Connection c = ds.getConnection()) {
            // the client learns the backend driver at its first borrow; before it, errors are poold's own
            assertEquals(1, backend(c, "select 1"));
            poold.add(abortNull(c));
            c.close();
            poold.add(abortNull(c));
        }
        assertEquals(driver, poold);
        awaitNoneActive("direct");
    }

    /** @return what {@code c.abort(null)} did: "returned" or the exception's class (the JDK's) and SQLState, then isClosed() */
    private static String abortNull(Connection c) throws SQLException {
        String outcome;
        try {
            c.abort(null);
            outcome = "returned";
        } catch (SQLException e) {
            Class<?> type = e.getClass();
            while (!type.getName().startsWith("java.sql.")) {
                type = type.getSuperclass(); // pgjdbc's PSQLException is an SQLException to the application
            }
            outcome = type.getSimpleName() + " " + e.getSQLState();
        }
        return outcome + ", closed " + c.isClosed();
    }
}
