package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import pool.api.PoolTimeoutException;
import pool.api.TenantRejectedException;
import pool.client.RemoteDataSource;
import pool.remote.PasswordHash;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/**
 * Live tenancy changes through reloads of the packaged daemon over a real MariaDB, as an
 * operator makes them while remote clients wait: a reload that stops admitting unknown tenants
 * refuses the borrower of one that already waits (08004) instead of serving it later, while a
 * named tenant's waiter keeps its place and the connections out keep their sessions; a reload
 * whose quotas do not fit maxSize is refused and the running settings stay. The remote borrowers
 * catch the pool's own exceptions ({@code TenantRejectedException}, {@code PoolTimeoutException}).
 */
class TenancyReloadMariaDbIT {

    private static final String HASH = PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();

    private static String config(int port, int jmxPort, DatabaseServer db, Path dbPassword, String tenancy) {
        return """
                <poold xmlns="urn:poold:config:1">
                  <daemon><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort><drainTimeout>2s</drainTimeout></daemon>
                  <clients><user name="app" hash="%s"/></clients>
                  <jmx><user name="ops" hash="%s" role="operate"/></jmx>
                  <pool name="mt" driver="mariadb">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <maxSize>2</maxSize>
                    <borrowTimeout>60s</borrowTimeout>
                    %s
                  </pool>
                </poold>
                """.formatted(port, jmxPort, HASH, HASH, db.jdbcUrl(), db.user(), dbPassword, tenancy);
    }

    private static ObjectName tenant(String name) throws Exception {
        return new ObjectName("poold:type=Tenant,pool=mt,name=" + name);
    }

    private static long sessionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select connection_id()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Borrows as {@code ds}'s tenant on its own thread; completes with the session id, or the failure. */
    private static CompletableFuture<Long> borrowLater(RemoteDataSource ds) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (Connection c = ds.getConnection()) {
                f.complete(sessionId(c));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Test
    void reloadsChangeQuotasInPlaceRefusingOnlyTheWaitersTheyNoLongerAdmit() throws Exception {
        DatabaseServer db = TestDatabases.mariaDb();
        Path work = Files.createTempDirectory("poold-tenancy-reload-");
        Path dbPassword = work.resolve("db-password");
        Files.writeString(dbPassword, db.password() + "\n");
        Files.setPosixFilePermissions(dbPassword, PosixFilePermissions.fromString("rw-------"));
        int port = FreePorts.loopback();
        int jmxPort = FreePorts.loopback();
        Path file = work.resolve("pools.xml");
        Files.writeString(file, config(port, jmxPort, db, dbPassword, """
                <tenancy unknownTenants="admit"><tenant name="acme" max="2"/></tenancy>"""));
        try (PooldProcess daemon = PooldProcess.startReady(work, Map.of(), file);
             JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
                     "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
                     Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", "pw"}))) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName daemonBean = new ObjectName("poold:type=Daemon");
            RemoteDataSource acme = RemoteDataSource.builder("127.0.0.1", port, "mt").user("app").password("pw")
                    .tenant("acme").build();
            RemoteDataSource walkIn = RemoteDataSource.builder("127.0.0.1", port, "mt").user("app").password("pw")
                    .tenant("walk-in").build();

            try (Connection acmeHeld = acme.getConnection(); Connection walkInHeld = walkIn.getConnection()) {
                long acmeSession = sessionId(acmeHeld);
                long walkInSession = sessionId(walkInHeld);
                // A remote borrower catches the pool's own exceptions, as an in-process one does.
                RemoteDataSource hasty = RemoteDataSource.builder("127.0.0.1", port, "mt").user("app").password("pw")
                        .tenant("hasty").borrowTimeout(Duration.ofMillis(200)).build();
                PoolTimeoutException timedOut = assertThrows(PoolTimeoutException.class, () -> {
                    try (Connection c = hasty.getConnection()) {
                        sessionId(c);
                    }
                });
                assertEquals("08001", timedOut.getSQLState());
                assertTrue(timedOut.getMessage().contains("tenant 'hasty'"), timedOut.getMessage());
                // The pool (2) is full: one borrower of each tenant waits for it.
                CompletableFuture<Long> walkInWaits = borrowLater(walkIn);
                Await.until("walk-in's borrower waits", Duration.ofSeconds(20),
                        () -> jmx.isRegistered(tenant("walk-in"))
                                && ((Integer) jmx.getAttribute(tenant("walk-in"), "WaitingBorrowers")) == 1);
                CompletableFuture<Long> acmeWaits = borrowLater(acme);
                Await.until("acme's borrower waits", Duration.ofSeconds(20),
                        () -> ((Integer) jmx.getAttribute(tenant("acme"), "WaitingBorrowers")) == 1);

                Files.writeString(file, config(port, jmxPort, db, dbPassword, """
                        <tenancy unknownTenants="reject"><tenant name="acme" max="2"/></tenancy>"""));
                String retuned = String.valueOf(jmx.invoke(daemonBean, "reload", new Object[0], new String[0]));
                assertTrue(retuned.contains("retuned [mt]"), retuned);

                // The unknown tenant's waiter is refused at once, as a new borrow of it would be.
                Exception refused = assertThrows(Exception.class, () -> walkInWaits.get(20, TimeUnit.SECONDS));
                assertTrue(refused.getCause() instanceof TenantRejectedException, "refused, not left waiting: " + refused);
                SQLException e = (SQLException) refused.getCause();
                assertEquals("08004", e.getSQLState(), e.toString());
                assertTrue(e.getMessage().contains("tenant 'walk-in' is not configured"), e.getMessage());
                // acme's waiter keeps its place and gets the connection acme gives back.
                assertTrue(!acmeWaits.isDone(), "acme still waits");
                assertEquals(acmeSession, sessionId(acmeHeld), "nothing was dropped");
                assertEquals(walkInSession, sessionId(walkInHeld), "a connection already out stays its holder's");
                acmeHeld.close();
                assertEquals(acmeSession, acmeWaits.get(20, TimeUnit.SECONDS), "served by the connection returned");

                // Quotas that do not fit maxSize: the reload is refused and the running ones stay.
                Files.writeString(file, config(port, jmxPort, db, dbPassword, """
                        <tenancy unknownTenants="admit"><tenant name="acme" min="3" max="4"/></tenancy>"""));
                String bad = String.valueOf(jmx.invoke(daemonBean, "reload", new Object[0], new String[0]));
                assertTrue(bad.contains("reload rejected") && bad.contains("sum of the tenants' min"), bad);
                assertEquals(2, jmx.getAttribute(tenant("acme"), "Max"));
                assertEquals(0, jmx.getAttribute(tenant("acme"), "Min"));
                RemoteDataSource another = RemoteDataSource.builder("127.0.0.1", port, "mt").user("app").password("pw")
                        .tenant("another").build();
                SQLException stillRejected = assertThrows(TenantRejectedException.class, () -> {
                    try (Connection c = another.getConnection()) {
                        sessionId(c); // a remote connection borrows at its first statement
                    }
                });
                assertEquals("08004", stillRejected.getSQLState(), stillRejected.toString());
            }
            // Every connection came back, the walk-in's too, although its tenant is no longer admitted.
            Await.until("every connection back", Duration.ofSeconds(20),
                    () -> ((Integer) jmx.getAttribute(new ObjectName("poold:type=Pool,name=mt"), "ActiveConnections")) == 0);
            assertEquals(0L, jmx.getAttribute(tenant("acme"), "TimeoutCount"));
        }
    }
}
