package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import pool.client.RemoteDataSource;
import pool.client.RemoteDataSourceFactory;
import pool.remote.PasswordHash;
import pool.testsupport.await.Await;

/**
 * A sharded pool through the packaged daemon, as an operator and two application servers see
 * it: each way a client names its tenant is held to its user's {@code tenants}; the Tenant
 * MBeans of the named tenants and of an unknown one agree with the borrows made; an invalid
 * quota written through JMX is refused and changes nothing; a reload that adds a tenant to a
 * user keeps that user's open transaction; one that adds a named tenant replaces the pool,
 * whose new tenant then has its bean.
 */
class ShardedTenancyProcessTest {

    private static final String HASH = PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();

    private static String config(int port, int jmxPort, String appTenants, String extraTenant) {
        return """
                <poold xmlns="urn:poold:config:1">
                  <daemon><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort><drainTimeout>2s</drainTimeout></daemon>
                  <clients>
                    <user name="app" hash="%s" tenants="%s"/>
                    <user name="batch" hash="%s"/>
                  </clients>
                  <jmx><user name="ops" hash="%s" role="operate"/></jmx>
                  <pool name="sh" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:sh</jdbcUrl><user>demo</user><h2UnprivilegedUser schema="DEMO"/>
                    <maxSize>6</maxSize><borrowTimeout>5s</borrowTimeout>
                    <tenancy mode="sharded">
                      <defaultTenant max="1"/>
                      <tenant name="acme" min="1" max="2"/>
                      <tenant name="shop" max="2"/>%s
                    </tenancy>
                  </pool>
                </poold>
                """.formatted(port, jmxPort, HASH, appTenants, HASH, HASH, extraTenant);
    }

    private static ObjectName tenant(String name) throws Exception {
        return new ObjectName("poold:type=Tenant,pool=sh,name=" + name);
    }

    private static String claim(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("select 1");
            return "ok";
        } catch (SQLException e) {
            return e.getSQLState() + " " + e.getMessage();
        }
    }

    @Test
    void aShardedPoolThroughTheDaemon() throws Exception {
        Path work = Files.createTempDirectory("poold-sharded-");
        int port = FreePorts.loopback();
        int jmxPort = FreePorts.loopback();
        Path file = work.resolve("pools.xml");
        Files.writeString(file, config(port, jmxPort, "acme", ""));
        try (PooldProcess daemon = PooldProcess.startReady(work, Map.of(), file);
             JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
                     "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
                     Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", "pw"}))) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();

            // Every way of naming the tenant is held to app's tenants="acme".
            RemoteDataSource asAcme = RemoteDataSource.builder("127.0.0.1", port, "sh").user("app").password("pw")
                    .tenant("acme").build();
            assertEquals("ok", claim(asAcme));
            String refused = claim(RemoteDataSource.builder("127.0.0.1", port, "sh").user("app").password("pw")
                    .tenant("shop").build());
            assertTrue(refused.startsWith("28000 ") && refused.contains("its tenants are acme"), refused);
            String none = claim(RemoteDataSource.builder("127.0.0.1", port, "sh").user("app").password("pw").build());
            assertTrue(none.startsWith("28000 "), none);
            Hashtable<String, Object> env = new Hashtable<>();
            env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
            env.put(Context.PROVIDER_URL, "poold://127.0.0.1:" + port);
            env.put(Context.SECURITY_PRINCIPAL, "app");
            env.put(Context.SECURITY_CREDENTIALS, "pw");
            env.put("poold.tenant", "shop");
            String jndi = claim((DataSource) new InitialContext(env).lookup("sh"));
            assertTrue(jndi.startsWith("28000 "), jndi);
            Reference ref = new Reference(DataSource.class.getName(), RemoteDataSourceFactory.class.getName(), null);
            ref.add(new StringRefAddr("url", "rmi://127.0.0.1:" + port + "/pools/sh"));
            ref.add(new StringRefAddr("user", "app"));
            ref.add(new StringRefAddr("password", "pw"));
            ref.add(new StringRefAddr("tenant", "shop"));
            String factory = claim((DataSource) new RemoteDataSourceFactory().getObjectInstance(ref, null, null,
                    new Hashtable<>()));
            assertTrue(factory.startsWith("28000 "), factory);
            RemoteDataSource walkIn = RemoteDataSource.builder("127.0.0.1", port, "sh").user("batch").password("pw")
                    .tenant("walk-in").build();
            assertEquals("ok", claim(walkIn));

            // The beans agree with what happened: one borrow each of acme and the unknown walk-in.
            assertEquals(1L, jmx.getAttribute(tenant("acme"), "BorrowCount"));
            assertEquals(true, jmx.getAttribute(tenant("acme"), "Named"));
            assertEquals(0L, jmx.getAttribute(tenant("shop"), "BorrowCount"));
            Await.until("the unknown tenant's bean", Duration.ofSeconds(10), () -> jmx.isRegistered(tenant("walk-in")));
            assertEquals(false, jmx.getAttribute(tenant("walk-in"), "Named"));
            assertEquals(1L, jmx.getAttribute(tenant("walk-in"), "BorrowCount"));
            assertEquals(1, jmx.getAttribute(tenant("walk-in"), "Max"));

            // Named maxes 4 + 2 leave no connection for others: refused, nothing changed; 3 fits.
            assertThrows(Exception.class, () -> jmx.setAttribute(tenant("acme"), new Attribute("Max", 4)));
            assertEquals(2, jmx.getAttribute(tenant("acme"), "Max"));
            assertThrows(Exception.class, () -> jmx.setAttribute(tenant("walk-in"), new Attribute("Max", 2)),
                    "the named tenants of a sharded pool are fixed");
            assertEquals(false, jmx.getAttribute(tenant("walk-in"), "Named"));
            jmx.setAttribute(tenant("acme"), new Attribute("Max", 3));
            assertEquals(3, jmx.getAttribute(tenant("acme"), "Max"));

            // A reload that only adds a tenant to app's keeps its open transaction.
            try (Connection c = asAcme.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("select 1");
                Files.writeString(file, config(port, jmxPort, "acme shop", ""));
                jmx.invoke(new ObjectName("poold:type=Daemon"), "reload", new Object[0], new String[0]);
                s.execute("select 2");
                c.commit();
            }

            // Adding a named tenant replaces the sharded pool; the new tenant has its bean.
            Files.writeString(file, config(port, jmxPort, "acme shop", "\n      <tenant name=\"newco\" max=\"1\"/>"));
            Object result = jmx.invoke(new ObjectName("poold:type=Daemon"), "reload", new Object[0], new String[0]);
            assertTrue(String.valueOf(result).contains("replaced [sh]"), String.valueOf(result));
            assertTrue(jmx.isRegistered(tenant("newco")));
            assertEquals(true, jmx.getAttribute(tenant("newco"), "Named"));
            assertFalse(jmx.isRegistered(tenant("walk-in")), "the new pool has not seen the unknown tenant");
            assertEquals("ok", claim(RemoteDataSource.builder("127.0.0.1", port, "sh").user("app").password("pw")
                    .tenant("shop").build()));
            assertEquals(1L, jmx.getAttribute(tenant("shop"), "BorrowCount"));
        }
    }
}
