package pool.jmx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformLoggingMXBean;
import java.lang.management.RuntimeMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerFactory;
import javax.management.NotificationBroadcaster;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.Query;
import javax.management.StandardMBean;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.engine.Pools;
import pool.jmx.DaemonBean;
import pool.jmx.JmxAccount;
import pool.jmx.JmxRole;
import pool.jmx.PoolBeans;
import pool.jmx.RecordingLogger;
import pool.jmx.TestUsers;
import pool.stubdriver.StubDatabase;

/**
 * The forwarder between a JMX session and the MBean server, called as the connector calls
 * it: under the Subject of a login, or without one for the connector's own calls.
 */
class PooldOnlyForwarderTest {

    private static final ObjectName POOL = PoolBeans.nameOf("orders");
    private static final ObjectName RUNTIME = name("java.lang:type=Runtime");
    private static final ObjectName LOGGING = name("java.util.logging:type=Logging");

    private final TestUsers users = new TestUsers().with("ops", "ops-pw", JmxRole.OPERATE)
            .with("grafana", "grafana-pw", JmxRole.MONITOR);
    private final RecordingLogger audit = new RecordingLogger();
    private MBeanServer inner;
    private PooldOnlyForwarder forwarder;
    private PoolBeans beans;
    private DaemonBean daemon;
    private ConnectionPool pool;

    @BeforeEach
    void start() throws Exception {
        inner = MBeanServerFactory.newMBeanServer();
        // Stand-ins for the JVM's own beans the platform server holds beside poold's.
        inner.registerMBean(new StandardMBean(ManagementFactory.getRuntimeMXBean(), RuntimeMXBean.class, true),
                RUNTIME);
        inner.registerMBean(new StandardMBean(ManagementFactory.getPlatformMXBean(PlatformLoggingMXBean.class),
                PlatformLoggingMXBean.class, true), LOGGING);
        StubDatabase db = StubDatabase.unique("orders");
        pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(db.url()).minIdle(1).maxSize(4)
                .borrowTimeout(Duration.ofMillis(200)).reaperInterval(Duration.ofHours(1)).build());
        beans = new PoolBeans(inner);
        beans.sync(List.of(pool));
        daemon = new DaemonBean(() -> List.of("orders"), "pools.xml", () -> "reloaded: no pool changed", () -> 0);
        daemon.register(inner);
        forwarder = new PooldOnlyForwarder(new Sessions(users), audit);
        forwarder.setMBeanServer(inner);
    }

    @AfterEach
    void stop() {
        daemon.close();
        beans.close();
        pool.close();
    }

    private static ObjectName name(String s) {
        try {
            return new ObjectName(s);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Runs {@code call} as a session of {@code user} logged in now, as the connector runs a request. */
    private <T> T as(String user, Callable<T> call) throws Exception {
        return as(Sessions.subjectOf(users.account(user)), call);
    }

    private static <T> T as(Subject subject, Callable<T> call) throws Exception {
        try {
            return Subject.callAs(subject, call);
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static void assertAbsent(Callable<?> call) {
        assertThrows(InstanceNotFoundException.class, call::call);
    }

    @Test
    void queriesAndDomainsShowThePooldDomainOnly() throws Exception {
        for (String user : List.of("grafana", "ops")) {
            assertEquals(Set.of(POOL, DaemonBean.NAME), as(user, () -> forwarder.queryNames(null, null)));
            assertEquals(Set.of(POOL, DaemonBean.NAME), as(user, () -> forwarder.queryNames(name("*:*"), null)));
            assertEquals(Set.of(), as(user, () -> forwarder.queryNames(name("java.lang:*"), null)));
            assertEquals(2, as(user, () -> forwarder.queryMBeans(null, null)).size());
            assertEquals(List.of("poold"), List.of(as(user, forwarder::getDomains)));
            assertEquals(2, as(user, forwarder::getMBeanCount));
        }
        assertTrue(inner.getMBeanCount() > 3, "the server does hold other beans");
    }

    @Test
    void everyNameOutsidePooldIsAbsentEvenForOperate() throws Exception {
        for (String user : List.of("grafana", "ops")) {
            for (ObjectName hidden : List.of(RUNTIME, LOGGING, MBeanServerDelegate.DELEGATE_NAME)) {
                assertFalse(as(user, () -> forwarder.isRegistered(hidden)));
                assertAbsent(() -> as(user, () -> forwarder.getAttribute(hidden, "Name")));
                assertAbsent(() -> as(user, () -> forwarder.getAttributes(hidden, new String[] {"Name"})));
                assertAbsent(() -> as(user, () -> forwarder.getMBeanInfo(hidden)));
                assertAbsent(() -> as(user, () -> forwarder.getObjectInstance(hidden)));
                assertAbsent(() -> as(user, () -> forwarder.isInstanceOf(hidden, NotificationBroadcaster.class.getName())));
                assertAbsent(() -> forwarder.getClassLoaderFor(hidden));
            }
            assertAbsent(() -> as(user, () -> forwarder.invoke(LOGGING, "setLoggerLevel", new Object[] {"", "OFF"},
                    new String[] {"java.lang.String", "java.lang.String"})));
            assertAbsent(() -> as(user, () -> {
                forwarder.setAttribute(RUNTIME, new Attribute("Name", "x"));
                return null;
            }));
        }
        assertFalse("OFF".equals(ManagementFactory.getPlatformMXBean(PlatformLoggingMXBean.class).getLoggerLevel("")));
    }

    @Test
    void creatingRegisteringInstantiatingDeserializingAndClassLoadersAreRefusedEvenForOperate() throws Exception {
        List<Callable<?>> refused = List.of(
                () -> forwarder.createMBean("javax.management.timer.Timer", name("poold:type=Timer")),
                () -> forwarder.createMBean("javax.management.timer.Timer", name("poold:type=Timer"), RUNTIME),
                () -> forwarder.registerMBean(new StandardMBean(ManagementFactory.getRuntimeMXBean(),
                        RuntimeMXBean.class, true), name("poold:type=Runtime")),
                () -> {
                    forwarder.unregisterMBean(DaemonBean.NAME);
                    return null;
                },
                () -> forwarder.instantiate("javax.management.timer.Timer"),
                () -> forwarder.deserialize("java.lang.String", new byte[0]),
                () -> forwarder.getClassLoader(null),
                () -> {
                    forwarder.addNotificationListener(POOL, DaemonBean.NAME, null, null);
                    return null;
                });
        for (Callable<?> call : refused) {
            SecurityException e = assertThrows(SecurityException.class, () -> as("ops", call));
            assertTrue(e.getMessage().startsWith("poold's JMX connector does not offer"), e.getMessage());
        }
        assertTrue(inner.isRegistered(DaemonBean.NAME));
        assertFalse(inner.isRegistered(name("poold:type=Timer")));
        assertThrows(ClassNotFoundException.class,
                () -> forwarder.getClassLoaderRepository().loadClass("pool.jmx.JmxConnector"));
        assertSame(ClassLoader.getPlatformClassLoader(), forwarder.getClassLoaderFor(POOL));
    }

    @Test
    void monitorReadsAndRunsReadOnlyOperationsButEveryChangeIsRefusedNamingTheRoleNeeded() throws Exception {
        assertEquals(4, as("grafana", () -> forwarder.getAttribute(POOL, "MaxSize")));
        assertEquals(2, as("grafana", () -> forwarder.getAttributes(POOL, new String[] {"MinIdle", "MaxSize"})).size());
        assertTrue(as("grafana", () -> forwarder.getMBeanInfo(POOL)).getOperations().length > 0);
        assertTrue(as("grafana", () -> forwarder.isInstanceOf(POOL, NotificationBroadcaster.class.getName())));
        Object rows = as("grafana", () -> forwarder.invoke(POOL, "leakSuspects", new Object[0], new String[0]));
        assertEquals(0, ((Object[]) rows).length);

        List<Callable<?>> changes = List.of(
                () -> forwarder.invoke(POOL, "resize", new Object[] {0, 9}, new String[] {"int", "int"}),
                () -> {
                    forwarder.setAttribute(POOL, new Attribute("MaxSize", 9));
                    return null;
                },
                () -> forwarder.setAttributes(POOL, new AttributeList(List.of(new Attribute("MaxSize", 9)))),
                () -> forwarder.invoke(POOL, "softEvict", new Object[0], new String[0]),
                () -> forwarder.invoke(DaemonBean.NAME, "reload", new Object[0], new String[0]));
        for (Callable<?> change : changes) {
            SecurityException e = assertThrows(SecurityException.class, () -> as("grafana", change));
            assertTrue(e.getMessage().startsWith("JMX user 'grafana' has role monitor, which only reads: "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(" needs role operate"), e.getMessage());
        }
        assertEquals(4, pool.liveSettings().maxSize(), "nothing changed");
        assertTrue(audit.lines().contains("WARNING JMX user grafana (role monitor) from this process was refused:"
                + " invoking resize on poold:type=Pool,name=orders needs role operate"), audit.lines().toString());
    }

    @Test
    void operateChangesAndEachChangeIsLoggedWithItsOldAndNewValues() throws Exception {
        as("ops", () -> {
            forwarder.setAttribute(POOL, new Attribute("MaxSize", 6));
            return null;
        });
        as("ops", () -> forwarder.invoke(POOL, "resize", new Object[] {2, 5}, new String[] {"int", "int"}));
        as("ops", () -> forwarder.setAttributes(POOL, new AttributeList(List.of(new Attribute("MinIdle", 1)))));
        as("ops", () -> forwarder.invoke(POOL, "reclaimLeaks", new Object[0], new String[0]));
        as("ops", () -> forwarder.invoke(POOL, "softEvict", new Object[0], new String[0]));
        as("ops", () -> forwarder.invoke(DaemonBean.NAME, "reload", new Object[0], new String[0]));
        Exception invalid = assertThrows(Exception.class,
                () -> as("ops", () -> forwarder.invoke(POOL, "resize", new Object[] {9, 2}, new String[] {"int", "int"})));
        assertFalse(invalid instanceof SecurityException, invalid.toString());

        assertEquals(1, pool.liveSettings().minIdle());
        assertEquals(5, pool.liveSettings().maxSize());
        assertEquals(List.of(
                "INFO JMX user ops from this process set MaxSize of poold:type=Pool,name=orders: 4 -> 6",
                "INFO JMX user ops from this process invoked resize(2, 5) on poold:type=Pool,name=orders:"
                        + " MinIdle 1 -> 2, MaxSize 6 -> 5",
                "INFO JMX user ops from this process set MinIdle of poold:type=Pool,name=orders: 2 -> 1",
                "INFO JMX user ops from this process invoked reclaimLeaks() on poold:type=Pool,name=orders: returned 0",
                "INFO JMX user ops from this process invoked softEvict() on poold:type=Pool,name=orders: done",
                "INFO JMX user ops from this process invoked reload() on poold:type=Daemon:"
                        + " returned reloaded: no pool changed"), audit.lines().subList(0, 6));
        String failed = audit.lines().get(6);
        assertTrue(failed.startsWith("WARNING JMX user ops from this process invoked resize(9, 2) on"
                + " poold:type=Pool,name=orders: failed: "), failed);
        assertTrue(failed.contains("minIdle"), failed);
    }

    /**
     * The attack: a value the serial filter admits (lists, for AttributeList) and that takes
     * forever to print: a list holding one list many times, each holding another so. Six
     * levels of 200 fit in the 8 KiB of a request; the JDK's refusal of a value of the wrong
     * type prints it ("Invalid value for attribute MaxSize: [[[..."), the audit line too.
     * Here three levels of 20: enough to see it printed, quick to print.
     */
    @Test
    void aValueOfAnotherTypeThanTheBeansTakeIsRefusedNamedByItsClassNeverPrinted() throws Exception {
        Object nested = "x";
        for (int level = 0; level < 3; level++) {
            nested = new java.util.ArrayList<>(java.util.Collections.nCopies(20, nested));
        }
        Object value = nested;
        List<Callable<?>> attempts = List.of(
                () -> as("ops", () -> {
                    forwarder.setAttribute(POOL, new Attribute("MaxSize", value));
                    return null;
                }),
                () -> as("ops", () -> forwarder.setAttributes(POOL, new AttributeList(List.of(
                        new Attribute("MinIdle", 2), new Attribute("MaxSize", value))))),
                () -> as("ops", () -> forwarder.invoke(POOL, "resize", new Object[] {1, value},
                        new String[] {"int", "int"})),
                () -> as("grafana", () -> forwarder.invoke(POOL, "leakSuspects", new Object[] {value}, null)));
        List<String> refusals = new java.util.ArrayList<>();
        for (Callable<?> attempt : attempts) {
            var e = assertThrows(javax.management.RuntimeOperationsException.class, attempt::call);
            refusals.add(e.getMessage());
        }
        assertEquals(List.of(
                "poold's beans take strings, numbers and booleans: the value of MaxSize is a java.util.ArrayList",
                "poold's beans take strings, numbers and booleans: the value of MaxSize is a java.util.ArrayList",
                "poold's beans take strings, numbers and booleans: parameter 2 of resize is a java.util.ArrayList",
                "poold's beans take strings, numbers and booleans: parameter 1 of leakSuspects is a java.util.ArrayList"),
                refusals);
        assertEquals(4, pool.liveSettings().maxSize(), "nothing changed");
        assertEquals(1, pool.liveSettings().minIdle(), "not even the plain value beside it");
        assertEquals(3, audit.lines().size(), audit.lines().toString());
        for (String line : audit.lines()) {
            assertTrue(line.startsWith("WARNING JMX user ops from this process was refused: poold's beans take")
                    && !line.contains("[x"), line);
        }
    }

    @Test
    void aReloadThatRemovesTheUserOrChangesThePasswordEndsTheSessionAtItsNextRequest() throws Exception {
        Subject session = Sessions.subjectOf(users.account("ops"));
        assertEquals(4, as(session, () -> forwarder.getAttribute(POOL, "MaxSize")));

        users.remove("ops");
        SecurityException removed = assertThrows(SecurityException.class,
                () -> as(session, () -> forwarder.getAttribute(POOL, "MaxSize")));
        assertEquals("JMX user 'ops' was removed or given another password by a configuration reload: log in again",
                removed.getMessage());
        assertThrows(SecurityException.class, () -> as(session, () -> forwarder.queryNames(null, null)));

        users.with("ops", "new-pw", JmxRole.OPERATE);
        assertThrows(SecurityException.class, () -> as(session, () -> forwarder.getAttribute(POOL, "MaxSize")));
        assertThrows(SecurityException.class, () -> as(session, () -> forwarder.invoke(POOL, "softEvict",
                new Object[0], new String[0])));

        users.with("ops", "ops-pw", JmxRole.OPERATE);
        assertEquals(4, as(session, () -> forwarder.getAttribute(POOL, "MaxSize")), "the same password again");
    }

    @Test
    void aRoleChangedByAReloadAppliesAtTheNextRequest() throws Exception {
        Subject ops = Sessions.subjectOf(users.account("ops"));
        Subject grafana = Sessions.subjectOf(users.account("grafana"));
        users.with("ops", "ops-pw", JmxRole.MONITOR).with("grafana", "grafana-pw", JmxRole.OPERATE);

        assertThrows(SecurityException.class, () -> as(ops, () -> forwarder.invoke(POOL, "resize",
                new Object[] {1, 7}, new String[] {"int", "int"})));
        as(grafana, () -> forwarder.invoke(POOL, "resize", new Object[] {1, 7}, new String[] {"int", "int"}));
        assertEquals(7, pool.liveSettings().maxSize());
    }

    @Test
    void withoutALoginNothingChanges() {
        for (Callable<?> change : List.<Callable<?>>of(
                () -> forwarder.invoke(POOL, "softEvict", new Object[0], new String[0]),
                () -> forwarder.invoke(POOL, "leakSuspects", new Object[0], new String[0]),
                () -> {
                    forwarder.setAttribute(POOL, new Attribute("MaxSize", 9));
                    return null;
                })) {
            SecurityException e = assertThrows(SecurityException.class, change::call);
            assertEquals("poold's JMX connector serves logged-in users only", e.getMessage());
        }
        assertEquals(4, pool.liveSettings().maxSize());
    }

    @Test
    void theConnectorsOwnQueryAndListenersReachPooldBeansOnlyWhateverTheThreadsLogin() throws Exception {
        // The notification buffer may be made on the thread of a client whose login a
        // reload has just ended: its query must still work, and still see poold only.
        Subject stale = Sessions.subjectOf(new JmxAccount("gone", JmxRole.MONITOR, "old"));
        var broadcasters = Query.isInstanceOf(Query.value(NotificationBroadcaster.class.getName()));
        assertEquals(Set.of(POOL, DaemonBean.NAME), as(stale, () -> forwarder.queryNames(null, broadcasters)));
        assertEquals(2, as(stale, () -> forwarder.queryMBeans(null, broadcasters)).size());

        NotificationListener listener = (n, handback) -> { };
        as(stale, () -> {
            forwarder.addNotificationListener(POOL, listener, null, null);
            forwarder.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
            forwarder.removeNotificationListener(POOL, listener);
            forwarder.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
            return null;
        });
        assertAbsent(() -> {
            forwarder.addNotificationListener(name("JMImplementation:type=Other"), listener, null, null);
            return null;
        });
        assertNull(Subject.current());
    }

    @Test
    void theSubjectOfALoginNamesTheUserAndCarriesTheAccount() {
        Subject s = Sessions.subjectOf(users.account("grafana"));
        assertEquals("grafana", s.getPrincipals().iterator().next().getName());
        assertEquals(Set.of(users.account("grafana")), s.getPrivateCredentials(JmxAccount.class));
        assertInstanceOf(javax.management.remote.JMXPrincipal.class, s.getPrincipals().iterator().next());
        assertFalse(s.toString().contains("grafana-pw"), s.toString());
    }
}
