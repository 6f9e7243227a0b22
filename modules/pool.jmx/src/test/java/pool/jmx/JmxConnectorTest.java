package pool.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.rmi.MarshalledObject;
import java.rmi.registry.LocateRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.Attribute;
import javax.management.AttributeChangeNotificationFilter;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.NotificationFilterSupport;
import javax.management.ObjectName;
import javax.management.Query;
import javax.management.StandardMBean;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnection;
import javax.management.remote.rmi.RMIServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;

/** The connector over the wire, as JConsole, VisualVM and poolctl use it. */
class JmxConnectorTest {

    static {
        // As in the daemon (pool.remote sets it before its registry): a registry admits
        // only the String of a lookup from the wire, so the connector must bind locally.
        System.setProperty("sun.rmi.registry.registryFilter", "maxdepth=4;maxrefs=16;maxbytes=4096;maxarray=256;java.lang.String;!*");
    }

    private static final ObjectName POOL = PoolBeans.nameOf("orders");

    private final TestUsers users = new TestUsers().with("ops", "s3cret", JmxRole.OPERATE)
            .with("grafana", "graf", JmxRole.MONITOR);
    private MBeanServer mbeans;
    private DaemonBean daemon;
    private ConnectionPool pool;
    private PoolBeans beans;
    private JmxConnector connector;

    @BeforeEach
    void start() throws Exception {
        mbeans = MBeanServerFactory.newMBeanServer();
        mbeans.registerMBean(new StandardMBean(ManagementFactory.getRuntimeMXBean(), RuntimeMXBean.class, true),
                new ObjectName("java.lang:type=Runtime"));
        daemon = new DaemonBean(() -> List.of("orders"), "pools.xml", () -> "reloaded: no pool changed", () -> 0);
        daemon.register(mbeans);
        pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(StubDatabase.unique("orders").url()).maxSize(4)
                .borrowTimeout(Duration.ofMillis(500)).reaperInterval(Duration.ofHours(1)).build());
        beans = new PoolBeans(mbeans);
        beans.sync(List.of(pool));
        connector = JmxConnector.start(mbeans, "127.0.0.1", 0, users);
    }

    @AfterEach
    void stop() {
        connector.close();
        daemon.close();
        beans.close();
        pool.close();
    }

    private JMXConnector connect(Object credentials) throws Exception {
        return JMXConnectorFactory.connect(new JMXServiceURL(connector.url()),
                credentials == null ? Map.of() : Map.of(JMXConnector.CREDENTIALS, credentials));
    }

    @Test
    void aUserWithThePasswordReadsAndOperates() throws Exception {
        assertTrue(connector.url().endsWith(":" + connector.port() + "/jmxrmi"), connector.url());
        try (JMXConnector c = connect(new String[] {"ops", "s3cret"})) {
            MBeanServerConnection remote = c.getMBeanServerConnection();
            assertArrayEquals(new String[] {"orders"}, (String[]) remote.getAttribute(DaemonBean.NAME, "Pools"));
            assertEquals("reloaded: no pool changed", remote.invoke(DaemonBean.NAME, "reload", new Object[0],
                    new String[0]));
            DaemonMXBean proxy = javax.management.JMX.newMXBeanProxy(remote, DaemonBean.NAME, DaemonMXBean.class);
            assertEquals("pools.xml", proxy.getConfigFile());
        }
    }

    @Test
    void aSessionSeesThePooldDomainOnly() throws Exception {
        try (JMXConnector c = connect(new String[] {"ops", "s3cret"})) {
            MBeanServerConnection remote = c.getMBeanServerConnection();
            assertEquals(Set.of(POOL, DaemonBean.NAME), remote.queryNames(null, null));
            assertArrayEquals(new String[] {"poold"}, remote.getDomains());
            assertThrows(InstanceNotFoundException.class,
                    () -> remote.getAttribute(new ObjectName("java.lang:type=Runtime"), "InputArguments"));
        }
    }

    @Test
    void aMonitorUserIsRefusedEveryChangeWithTheRoleItNeeds() throws Exception {
        try (JMXConnector c = connect(new String[] {"grafana", "graf"})) {
            MBeanServerConnection remote = c.getMBeanServerConnection();
            assertEquals(4, remote.getAttribute(POOL, "MaxSize"));
            SecurityException e = assertThrows(SecurityException.class,
                    () -> remote.invoke(POOL, "resize", new Object[] {1, 8}, new String[] {"int", "int"}));
            assertEquals("JMX user 'grafana' has role monitor, which only reads: invoking resize on"
                    + " poold:type=Pool,name=orders needs role operate", e.getMessage());
            assertThrows(SecurityException.class, () -> remote.setAttribute(POOL, new Attribute("MaxSize", 8)));
            assertEquals(4, pool.liveSettings().maxSize());
        }
    }

    @Test
    void whatJConsoleSendsPassesTheSerialFilter() throws Exception {
        BlockingQueue<Notification> leaks = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> reloads = new LinkedBlockingQueue<>();
        try (JMXConnector c = connect(new String[] {"ops", "s3cret"})) {
            MBeanServerConnection remote = c.getMBeanServerConnection();
            String[] all = Arrays.stream(remote.getMBeanInfo(POOL).getAttributes()).map(MBeanAttributeInfo::getName)
                    .toArray(String[]::new);
            AttributeList read = remote.getAttributes(POOL, all);
            assertEquals(all.length, read.size());
            remote.setAttribute(POOL, new Attribute("LeakThresholdMillis", 1L));
            remote.setAttributes(POOL, new AttributeList(List.of(new Attribute("MaxSize", 6))));
            remote.invoke(POOL, "resize", new Object[] {0, 5}, new String[] {"int", "int"});
            assertEquals(5, pool.liveSettings().maxSize());

            NotificationFilterSupport onlyLeaks = new NotificationFilterSupport();
            onlyLeaks.enableType(PoolNotifications.LEAK_SUSPECTED);
            remote.addNotificationListener(POOL, (n, h) -> leaks.add(n), onlyLeaks, null);
            AttributeChangeNotificationFilter attributes = new AttributeChangeNotificationFilter();
            attributes.enableAttribute("Pools");
            remote.addNotificationListener(DaemonBean.NAME, (n, h) -> reloads.add(n), null, null);
            remote.addNotificationListener(DaemonBean.NAME, (n, h) -> { }, attributes, null);

            try (Connection held = pool.getConnection()) {
                until("the borrow is held past the leak threshold", Duration.ofSeconds(10),
                        () -> !pool.leakSuspects().isEmpty());
                remote.invoke(POOL, "runReaperNow", new Object[0], new String[0]);
                Notification leak = leaks.poll(10, TimeUnit.SECONDS);
                assertNotNull(leak, "a leak notification through the connector");
                assertEquals(PoolNotifications.LEAK_SUSPECTED, leak.getType());
                CompositeData[] rows = (CompositeData[]) remote.invoke(POOL, "leakSuspects", new Object[0],
                        new String[0]);
                assertEquals(1, rows.length);
            }
            daemon.reloaded("reloaded: added [b]");
            assertNotNull(reloads.poll(10, TimeUnit.SECONDS), "a reload notification through the connector");
        }
    }

    @Test
    void aClassOutsideTheSerialFilterIsRefused() throws Exception {
        try (JMXConnector c = connect(new String[] {"ops", "s3cret"})) {
            MBeanServerConnection remote = c.getMBeanServerConnection();
            // AtomicInteger is a Number like Integer, but not one of the admitted classes.
            IOException param = assertThrows(IOException.class, () -> remote.invoke(POOL, "resize",
                    new Object[] {new AtomicInteger(1), 2}, new String[] {"int", "int"}));
            assertTrue(String.valueOf(param.getMessage()).contains("REJECTED"), param.toString());
            IOException value = assertThrows(IOException.class,
                    () -> remote.setAttribute(POOL, new Attribute("MaxSize", new AtomicInteger(9))));
            assertTrue(String.valueOf(value.getMessage()).contains("REJECTED"), value.toString());
            IOException query = assertThrows(IOException.class, () -> remote.queryNames(null,
                    Query.eq(Query.attr("MaxSize"), Query.value(4))));
            assertTrue(String.valueOf(query.getMessage()).contains("REJECTED"), query.toString());
            assertEquals(4, pool.liveSettings().maxSize());
            assertEquals(4, remote.getAttribute(POOL, "MaxSize"), "the session goes on");
        }
    }

    @Test
    void theSessionOfARemovedUserIsClosedAndGetsNoFurtherNotification() throws Exception {
        BlockingQueue<Notification> toOps = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> toGrafana = new LinkedBlockingQueue<>();
        try (JMXConnector ops = connect(new String[] {"ops", "s3cret"});
             JMXConnector grafana = connect(new String[] {"grafana", "graf"})) {
            MBeanServerConnection asOps = ops.getMBeanServerConnection();
            MBeanServerConnection asGrafana = grafana.getMBeanServerConnection();
            asOps.addNotificationListener(DaemonBean.NAME, (n, h) -> toOps.add(n), null, null);
            asGrafana.addNotificationListener(DaemonBean.NAME, (n, h) -> toGrafana.add(n), null, null);
            assertEquals(2, connector.openSessions());

            users.remove("grafana");
            users.with("ops", "s3cret", JmxRole.MONITOR); // another role, the same password: stays open
            assertEquals(1, connector.closeEndedSessions());
            assertEquals(1, connector.openSessions());

            daemon.reloaded("reloaded: added [b]");
            assertNotNull(toOps.poll(10, TimeUnit.SECONDS), "the session that stays open is notified");
            assertThrows(IOException.class, () -> asGrafana.getAttribute(POOL, "MaxSize"));
            assertEquals(4, asOps.getAttribute(POOL, "MaxSize"));
            assertEquals(List.of(), List.copyOf(toGrafana));
        }
    }

    /** A session as an attacker holds it: the connector's RMI object itself, not the JDK's client. */
    private RMIConnection rawSession(String user, String password) throws Exception {
        RMIServer server = (RMIServer) LocateRegistry.getRegistry("127.0.0.1", connector.port()).lookup("jmxrmi");
        return server.newClient(new String[] {user, password});
    }

    private static ObjectName[] times(ObjectName name, int n) {
        ObjectName[] names = new ObjectName[n];
        Arrays.fill(names, name);
        return names;
    }

    private static Integer[] subscribe(RMIConnection session, ObjectName... names) throws Exception {
        return session.addNotificationListeners(names, new MarshalledObject<?>[names.length], null);
    }

    /**
     * The attack: one call subscribes a thousand times to one bean (the names one
     * reference, the filters null: a few KiB on the wire); repeated, it ran the packaged
     * daemon's heap out in 17 s. A session keeps at most 16 subscriptions to a bean and
     * 1,024 in all.
     */
    @Test
    void aSessionHoldsAtMost16SubscriptionsToABeanAnd1024InAllAndGoesOnWhenRefused() throws Exception {
        for (int i = 0; i < 64; i++) {
            mbeans.registerMBean(new javax.management.timer.Timer(), new ObjectName("poold:type=Timer,name=t" + i));
        }
        RMIConnection session = rawSession("grafana", "graf");
        try {
            SecurityException flood = assertThrows(SecurityException.class, () -> subscribe(session, times(POOL, 1000)));
            assertEquals("JMX user 'grafana': a session holds at most 16 notification subscriptions to one bean, and"
                    + " this one has 0 to poold:type=Pool,name=orders: remove some, or listen in another session",
                    flood.getMessage());
            Integer[] sixteen = subscribe(session, times(POOL, 16));
            assertThrows(SecurityException.class, () -> subscribe(session, POOL));
            session.removeNotificationListeners(POOL, Arrays.copyOf(sixteen, 1), null);
            assertEquals(1, subscribe(session, POOL).length, "what a session removes it may add again");

            for (int i = 0; i < 63; i++) {
                subscribe(session, times(new ObjectName("poold:type=Timer,name=t" + i), 16));
            }
            SecurityException all = assertThrows(SecurityException.class,
                    () -> subscribe(session, new ObjectName("poold:type=Timer,name=t63")));
            assertEquals("JMX user 'grafana': a session holds at most 1024 notification subscriptions, and this one"
                    + " has 1024: remove some, or listen in another session", all.getMessage());
            assertEquals(4, session.getAttribute(POOL, "MaxSize", null), "the session goes on");
        } finally {
            session.close();
        }
        // Another session has its own, as JConsole subscribes through the JDK's client.
        try (JMXConnector c = connect(new String[] {"grafana", "graf"})) {
            c.getMBeanServerConnection().addNotificationListener(POOL, (n, h) -> { }, null, null);
        }
    }

    /**
     * security.md: a session holds at most 1,024 subscriptions. Those to the beans of pools a
     * reload removed are gone (the JDK dropped them): a monitoring agent's session that
     * outlives many reloads must not be refused new ones because of them.
     */
    @Test
    void subscriptionsToBeansThatLeftNoLongerCountAgainstTheSessionsBound() throws Exception {
        RMIConnection session = rawSession("grafana", "graf");
        try {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 64; i++) {
                    mbeans.registerMBean(new javax.management.timer.Timer(),
                            new ObjectName("poold:type=Timer,name=r" + round + "t" + i));
                    subscribe(session, times(new ObjectName("poold:type=Timer,name=r" + round + "t" + i), 16));
                }
                // A reload removes every one of those pools.
                for (int i = 0; i < 64; i++) {
                    mbeans.unregisterMBean(new ObjectName("poold:type=Timer,name=r" + round + "t" + i));
                }
            }
            assertEquals(16, subscribe(session, times(POOL, 16)).length, "the removed beans' subscriptions are released");
            // A pool that comes back under the same name starts from none: the old subscriptions went with the old bean.
            mbeans.registerMBean(new javax.management.timer.Timer(), new ObjectName("poold:type=Timer,name=r0t0"));
            assertEquals(16, subscribe(session, times(new ObjectName("poold:type=Timer,name=r0t0"), 16)).length);
        } finally {
            session.close();
        }
    }

    /**
     * The attack: a fetch of every notification the connector keeps, each answered once
     * per subscription it matches; six sessions of a thousand subscriptions each ran the
     * daemon's heap out in one fetch each. A fetch returns at most 100 notifications, and
     * the next fetch the rest.
     */
    @Test
    void aFetchReturnsAtMostAHundredNotificationsAndTheNextFetchTheRest() throws Exception {
        RMIConnection session = rawSession("grafana", "graf");
        try {
            subscribe(session, times(DaemonBean.NAME, 16));
            long start = session.fetchNotifications(-1, 0, 0).getNextSequenceNumber();
            for (int i = 0; i < 150; i++) {
                daemon.reloaded("reloaded: retuned [orders] " + i);
            }
            javax.management.remote.NotificationResult first = session.fetchNotifications(start, Integer.MAX_VALUE, 0);
            assertEquals(100 * 16, first.getTargetedNotifications().length);
            javax.management.remote.NotificationResult rest = session.fetchNotifications(first.getNextSequenceNumber(),
                    Integer.MAX_VALUE, 0);
            assertEquals(50 * 16, rest.getTargetedNotifications().length);
            assertEquals("reloaded: retuned [orders] 149",
                    rest.getTargetedNotifications()[rest.getTargetedNotifications().length - 1].getNotification()
                            .getMessage());
        } finally {
            session.close();
        }
    }

    /**
     * The attack: one user's logins, each kept open. Each session is a platform thread in
     * the daemon (the JDK's connection timeout), so without a bound they ran until the
     * unit's TasksMax. A user has at most 32 sessions open; others are not held back.
     */
    @Test
    void aUserHasAtMost32SessionsOpenAndTheNextLoginIsRefusedSayingSoWhileOthersLogIn() throws Exception {
        List<RMIConnection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                held.add(rawSession("grafana", "graf"));
            }
            SecurityException refused = assertThrows(SecurityException.class, () -> rawSession("grafana", "graf"));
            assertEquals("JMX user 'grafana' has 32 sessions open, the most one user may have: close one (a JConsole,"
                    + " VisualVM or poolctl connection), or wait for the daemon to close those of clients that are"
                    + " gone (within minutes)", refused.getMessage());
            SecurityException throughJdkClient = assertThrows(SecurityException.class,
                    () -> connect(new String[] {"grafana", "graf"}));
            assertEquals(refused.getMessage(), throughJdkClient.getMessage());
            assertEquals(32, connector.openSessions());
            try (JMXConnector ops = connect(new String[] {"ops", "s3cret"})) {
                assertEquals(4, ops.getMBeanServerConnection().getAttribute(POOL, "MaxSize"), "another user logs in");
            }
            held.remove(0).close();
            RMIConnection again = rawSession("grafana", "graf");
            held.add(again);
            assertEquals(4, again.getAttribute(POOL, "MaxSize", null), "a closed session makes room");
        } finally {
            for (RMIConnection c : held) {
                c.close();
            }
        }
        assertEquals(0, connector.openSessions());
    }

    @Test
    void wrongOrMissingCredentialsAreRefused() {
        SecurityException wrong = assertThrows(SecurityException.class, () -> connect(new String[] {"ops", "nope"}));
        assertTrue(wrong.getMessage().contains("wrong user name or password"), wrong.getMessage());
        assertThrows(SecurityException.class, () -> connect(new String[] {"someone", "s3cret"}));
        SecurityException none = assertThrows(SecurityException.class, () -> connect(null));
        assertTrue(none.getMessage().contains("needs a user name and a password"), none.getMessage());
    }

    @Test
    void credentialsOfAnotherTypeAreNotDeserialized() {
        // Only String (and String[]) pass the filter before authentication.
        Exception e = assertThrows(Exception.class, () -> connect(new java.util.ArrayList<>(List.of("ops", "s3cret"))));
        assertTrue(e instanceof SecurityException || e instanceof java.io.IOException, e.toString());
    }

    @Test
    void aHugeLoginIsRefusedBeforeItIsRead() {
        String huge = "x".repeat(1 << 20);
        for (Object login : new Object[] {new String[] {huge, huge}, new String[40]}) {
            Exception e = assertThrows(Exception.class, () -> connect(login));
            // Refused by the filter while reading, not by the authenticator after it.
            assertTrue(!(e instanceof SecurityException), e.toString());
            assertTrue(String.valueOf(e).contains("REJECTED") || String.valueOf(e.getCause()).contains("REJECTED"),
                    e.toString());
        }
    }

    @Test
    void aTakenPortFailsToStart() {
        assertThrows(java.io.IOException.class, () -> JmxConnector.start(mbeans, "127.0.0.1", connector.port(),
                users));
    }
}
