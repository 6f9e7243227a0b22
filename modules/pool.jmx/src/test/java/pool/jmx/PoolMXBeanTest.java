package pool.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.Tenancy;
import pool.api.TenancyMode;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;

class PoolMXBeanTest {

    private MBeanServer server;
    private PoolBeans beans;
    private ConnectionPool pool;

    @BeforeEach
    void start() throws Exception {
        server = MBeanServerFactory.newMBeanServer();
        beans = new PoolBeans(server);
        pool = Pools.create(config("orders").build());
        beans.sync(List.of(pool));
    }

    @AfterEach
    void stop() {
        beans.close();
        pool.close();
    }

    private static PoolConfig.Builder config(String name) {
        StubDatabase db = StubDatabase.unique(name);
        return PoolConfig.builder(name).jdbcUrl(db.url()).user("app").password("secret").minIdle(1).maxSize(4)
                .borrowTimeout(Duration.ofMillis(200)).reaperInterval(Duration.ofHours(1));
    }

    private PoolMXBean proxy() {
        return JMX.newMXBeanProxy(server, PoolBeans.nameOf("orders"), PoolMXBean.class, true);
    }

    @Test
    void everyAttributeTheContractNamesIsThere() throws Exception {
        MBeanInfo info = server.getMBeanInfo(new ObjectName("poold:type=Pool,name=orders"));
        List<String> names = java.util.Arrays.stream(info.getAttributes()).map(MBeanAttributeInfo::getName).toList();
        for (String a : List.of("ActiveConnections", "IdleConnections", "TotalConnections", "PendingBorrowers",
                "BorrowCount", "TimeoutCount", "CreatedCount", "DestroyedCount", "CreateFailureCount",
                "ValidationFailureCount", "LeakSuspectCount", "LeakReclaimCount", "WaitP50Micros", "WaitP95Micros",
                "WaitP99Micros", "MinIdle", "MaxSize", "BorrowTimeoutMillis", "IdleTimeoutMillis", "MaxLifetimeMillis",
                "LeakThresholdMillis", "ReaperIntervalMillis")) {
            assertTrue(names.contains(a), a + " in " + names);
        }
        for (String writable : List.of("MinIdle", "MaxSize", "BorrowTimeoutMillis", "IdleTimeoutMillis",
                "MaxLifetimeMillis", "LeakThresholdMillis", "ReaperIntervalMillis")) {
            MBeanAttributeInfo a = java.util.Arrays.stream(info.getAttributes()).filter(x -> x.getName().equals(writable))
                    .findFirst().orElseThrow();
            assertTrue(a.isWritable(), writable);
        }
        List<String> ops = java.util.Arrays.stream(info.getOperations()).map(MBeanOperationInfo::getName).toList();
        assertTrue(ops.containsAll(List.of("resize", "reclaimLeaks", "leakSuspects", "softEvict", "suspend", "resume",
                "runReaperNow")), ops.toString());
        assertTrue(java.util.Arrays.stream(info.getNotifications()).anyMatch(n -> List.of(n.getNotifTypes())
                .containsAll(List.of("poold.leak.suspected", "poold.leak.reclaimed", "poold.pool.exhausted"))));
    }

    @Test
    void theStateRejectionsReaperAndTheRestOfTheLiveSettingsAreAttributesToo() throws Exception {
        MBeanInfo info = server.getMBeanInfo(PoolBeans.nameOf("orders"));
        java.util.Map<String, MBeanAttributeInfo> byName = new java.util.HashMap<>();
        for (MBeanAttributeInfo a : info.getAttributes()) {
            byName.put(a.getName(), a);
        }
        for (String readOnly : List.of("State", "RejectedBorrowCount", "ReaperRunCount", "ReaperLastRun",
                "ReaperLastDurationMicros", "ChangedSettings")) {
            assertTrue(byName.containsKey(readOnly) && !byName.get(readOnly).isWritable(), readOnly);
        }
        for (LiveSetting s : LiveSetting.values()) {
            assertTrue(byName.containsKey(s.attribute()) && byName.get(s.attribute()).isWritable(), s.attribute());
        }
        assertEquals("boolean", byName.get("LeakReclaim").getType());
    }

    @Test
    void leakReclaimBurstMaxSizeAndValidationSkipWindowAreWritable() throws Exception {
        PoolMXBean bean = proxy();
        bean.setLeakReclaim(true);
        assertTrue(pool.liveSettings().leakReclaim());
        assertTrue(bean.isLeakReclaim());
        server.setAttribute(PoolBeans.nameOf("orders"), new Attribute("BurstMaxSize", 3));
        assertEquals(3, pool.liveSettings().burstMaxSize());
        assertEquals(3, bean.getBurstMaxSize());
        bean.setValidationSkipWindowMillis(250);
        assertEquals(Duration.ofMillis(250), pool.liveSettings().validationSkipWindow());
        assertEquals(250, bean.getValidationSkipWindowMillis());
        assertThrows(IllegalArgumentException.class, () -> bean.setValidationSkipWindowMillis(-1));
        assertEquals(Duration.ofMillis(250), pool.liveSettings().validationSkipWindow());
    }

    @Test
    void theReapersLastRunAndDurationShowAfterItRan() {
        PoolMXBean bean = proxy();
        long runs = bean.getReaperRunCount();
        long before = System.currentTimeMillis();
        long start = System.nanoTime();
        bean.runReaperNow();
        long tookMicros = (System.nanoTime() - start) / 1000;
        assertEquals(runs + 1, bean.getReaperRunCount());
        assertTrue(bean.getReaperLastRun() >= before && bean.getReaperLastRun() <= System.currentTimeMillis(),
                bean.getReaperLastRun() + " vs " + before);
        long duration = bean.getReaperLastDurationMicros();
        assertTrue(duration >= 0 && duration <= tookMicros, duration + " µs, within a call that took " + tookMicros);
    }

    @Test
    void aShardedPoolsReaperLastRunShowsWhenItsPartsLastRan() throws Exception {
        Tenancy sharded = Tenancy.builder().mode(TenancyMode.SHARDED).tenant("acme", 0, 2, 1).build();
        try (ConnectionPool shards = Pools.create(config("shards").tenancy(sharded).build())) {
            beans.sync(List.of(pool, shards));
            PoolMXBean bean = JMX.newMXBeanProxy(server, PoolBeans.nameOf("shards"), PoolMXBean.class);
            long before = System.currentTimeMillis();
            bean.runReaperNow();
            assertTrue(bean.getReaperRunCount() >= 1);
            assertTrue(bean.getReaperLastRun() >= before && bean.getReaperLastRun() <= System.currentTimeMillis(),
                    "ReaperLastRun " + bean.getReaperLastRun() + ", not 0 (not yet) after " + bean.getReaperRunCount()
                            + " runs");
        }
    }

    @Test
    void oneReadOfSeveralAttributesComesFromOneSnapshotOfThePool() throws Exception {
        java.util.concurrent.atomic.AtomicInteger statsCalls = new java.util.concurrent.atomic.AtomicInteger();
        ConnectionPool counting = (ConnectionPool) java.lang.reflect.Proxy.newProxyInstance(
                ConnectionPool.class.getClassLoader(), new Class<?>[] {ConnectionPool.class}, (proxy, m, args) -> {
                    if (m.getName().equals("stats")) {
                        statsCalls.incrementAndGet();
                    }
                    return m.invoke(pool, args);
                });
        MBeanServer other = MBeanServerFactory.newMBeanServer();
        try (PoolBeans countingBeans = new PoolBeans(other)) {
            countingBeans.sync(List.of(counting));
            try (Connection c = pool.getConnection()) {
                statsCalls.set(0);
                var read = other.getAttributes(PoolBeans.nameOf("orders"), new String[] {
                        "ActiveConnections", "IdleConnections", "TotalConnections", "BorrowCount", "WaitP99Micros"});
                assertEquals(1, statsCalls.get(), "the pool's figures taken once for the whole read");
                List<Object> v = read.asList().stream().map(Attribute::getValue).toList();
                assertEquals((Integer) v.get(2), (Integer) v.get(0) + (Integer) v.get(1), "active + idle = total");
            }
            assertEquals(0, other.getAttribute(PoolBeans.nameOf("orders"), "ActiveConnections"),
                    "no snapshot outlives its read");
        }
    }

    @Test
    void borrowsRefusedBecauseMaxPendingWereWaitingAreCounted() throws Exception {
        try (ConnectionPool small = Pools.create(config("small").minIdle(0).maxSize(1).maxPending(0).build())) {
            beans.sync(List.of(pool, small));
            PoolMXBean bean = JMX.newMXBeanProxy(server, PoolBeans.nameOf("small"), PoolMXBean.class);
            // No idle connection and no borrower may wait: refused at once, not timed out.
            assertThrows(pool.api.PoolSaturatedException.class, small::getConnection);
            assertEquals(1, bean.getRejectedBorrowCount());
            assertEquals(0, bean.getTimeoutCount());
            beans.sync(List.of(pool));
        }
    }

    @Test
    void changedSettingsListWhatDiffersFromTheFile() throws Exception {
        MBeanServer other = MBeanServerFactory.newMBeanServer();
        var file = pool.liveSettings();
        try (PoolBeans withFile = new PoolBeans(other, name -> name.equals("orders") ? file : null)) {
            withFile.sync(List.of(pool));
            PoolMXBean bean = JMX.newMXBeanProxy(other, PoolBeans.nameOf("orders"), PoolMXBean.class);
            assertEquals(List.of(), bean.getChangedSettings());
            bean.setMaxSize(9);
            bean.setBorrowTimeoutMillis(30_000);
            bean.setLeakReclaim(true);
            assertEquals(List.of(new SettingChangeRow("maxSize", "9", "4"),
                    new SettingChangeRow("borrowTimeout", "30s", "200ms"),
                    new SettingChangeRow("leakReclaim", "true", "false")), bean.getChangedSettings());
            bean.setMaxSize(4);
            assertEquals(List.of("borrowTimeout", "leakReclaim"),
                    bean.getChangedSettings().stream().map(SettingChangeRow::setting).toList(), "back to the file's");
        }
        assertEquals(List.of(), proxy().getChangedSettings(), "no file, nothing to differ from");
    }

    @Test
    void attributesAndOperationsCarryDescriptionsAndParameterNames() throws Exception {
        MBeanInfo info = server.getMBeanInfo(PoolBeans.nameOf("orders"));
        for (MBeanAttributeInfo a : info.getAttributes()) {
            assertFalse(a.getDescription().isBlank() || a.getDescription().equals(a.getName()), a.getName());
        }
        assertTrue(java.util.Arrays.stream(info.getAttributes()).filter(a -> a.getName().equals("WaitP99Micros"))
                .findFirst().orElseThrow().getDescription().contains("microseconds"));
        MBeanOperationInfo resize = java.util.Arrays.stream(info.getOperations()).filter(o -> o.getName().equals("resize"))
                .findFirst().orElseThrow();
        assertEquals("minIdle", resize.getSignature()[0].getName());
        assertEquals("maxSize", resize.getSignature()[1].getName());
        assertTrue(resize.getDescription().contains("minIdle and maxSize"));
    }

    @Test
    void gaugesAndCountersFollowThePool() throws Exception {
        PoolMXBean bean = proxy();
        assertEquals("orders", bean.getName());
        assertEquals("RUNNING", bean.getState());
        long borrows = bean.getBorrowCount();
        try (Connection c = pool.getConnection()) {
            assertEquals(1, bean.getActiveConnections());
            assertEquals(bean.getActiveConnections() + bean.getIdleConnections(), bean.getTotalConnections());
        }
        assertEquals(0, bean.getActiveConnections());
        assertEquals(borrows + 1, bean.getBorrowCount());
        assertTrue(bean.getCreatedCount() >= 1);
    }

    @Test
    void writableSettingsApplyThroughThePoolsLiveSettings() throws Exception {
        PoolMXBean bean = proxy();
        bean.setMaxSize(6);
        assertEquals(6, pool.liveSettings().maxSize());
        server.setAttribute(PoolBeans.nameOf("orders"), new Attribute("BorrowTimeoutMillis", 1500L));
        assertEquals(Duration.ofMillis(1500), pool.liveSettings().borrowTimeout());
        bean.resize(2, 3);
        assertEquals(2, pool.liveSettings().minIdle());
        assertEquals(3, pool.liveSettings().maxSize());
        bean.setLeakThresholdMillis(0);
        assertEquals(Duration.ZERO, pool.liveSettings().leakThreshold());
    }

    @Test
    void anInvalidChangeSaysWhatIsWrongAndChangesNothing() throws Exception {
        PoolMXBean bean = proxy();
        var before = pool.liveSettings();
        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class, () -> server.invoke(
                PoolBeans.nameOf("orders"), "resize", new Object[] {5, 2}, new String[] {"int", "int"}));
        assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().toLowerCase(java.util.Locale.ROOT).contains("minidle"),
                e.getCause().getMessage());
        assertThrows(IllegalArgumentException.class, () -> bean.setIdleTimeoutMillis(-1));
        assertEquals(before, pool.liveSettings());
    }

    @Test
    void aDurationPastAHundredYearsIsTakenAsAHundredYears() throws Exception {
        // Long.MAX_VALUE milliseconds is how a JMX console says "forever"; the pool keeps 100 years, as
        // PoolConfig and LiveSettings do, instead of overflowing its nanosecond clock at the next borrow.
        long hundredYears = Duration.ofDays(36_500).toMillis();
        for (String attribute : List.of("BorrowTimeoutMillis", "IdleTimeoutMillis", "MaxLifetimeMillis",
                "ValidationSkipWindowMillis", "ReaperIntervalMillis", "LeakThresholdMillis")) {
            server.setAttribute(PoolBeans.nameOf("orders"), new Attribute(attribute, Long.MAX_VALUE));
            assertEquals(hundredYears, server.getAttribute(PoolBeans.nameOf("orders"), attribute), attribute);
        }
        try (Connection c = pool.getConnection()) {
            assertTrue(c.isValid(1), "the pool still lends");
        }
    }

    @Test
    void suspendAndResumeReachThePool() throws Exception {
        PoolMXBean bean = proxy();
        bean.suspend();
        assertEquals("SUSPENDED", bean.getState());
        bean.resume();
        assertEquals("RUNNING", bean.getState());
        bean.softEvict();
        bean.runReaperNow();
    }

    @Test
    void aShardedPoolsNotificationsNameThePoolTheBeanShows() throws Exception {
        Tenancy sharded = Tenancy.builder().mode(TenancyMode.SHARDED)
                .tenant("acme", 0, 2, 1).build();
        try (ConnectionPool shards = Pools.create(config("shards").tenancy(sharded).build())) {
            beans.sync(List.of(pool, shards));
            BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
            server.addNotificationListener(PoolBeans.nameOf("shards"), (n, handback) -> received.add(n), null, null);
            JMX.newMXBeanProxy(server, PoolBeans.nameOf("shards"), PoolMXBean.class).setLeakThresholdMillis(1);
            try (Connection held = shards.borrow(BorrowRequest.builder().tenant("acme").build())) {
                until("the borrow is held past the leak threshold", Duration.ofSeconds(10),
                        () -> !shards.leakSuspects().isEmpty());
                shards.runReaperNow();
                Notification n = received.poll(5, TimeUnit.SECONDS);
                assertNotNull(n, "a leak notification");
                assertTrue(n.getMessage().contains(" of pool 'shards' (its part 'shards.acme') held"), n.getMessage());
            }
        }
    }

    @Test
    void leaksShowAsATableAndAsNotifications() throws Exception {
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        server.addNotificationListener(PoolBeans.nameOf("orders"), (n, handback) -> received.add(n), null, null);
        PoolMXBean bean = proxy();
        bean.setLeakThresholdMillis(1);
        Connection held = pool.getConnection();
        try {
            until("the borrow is held past the leak threshold", Duration.ofSeconds(10),
                    () -> !pool.leakSuspects().isEmpty());
            bean.runReaperNow();
            Notification n = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(n, "a leak notification");
            assertEquals("poold.leak.suspected", n.getType());
            assertEquals(PoolBeans.nameOf("orders"), n.getSource());
            assertTrue(n.getMessage().contains("held"), n.getMessage());
            CompositeData suspected = (CompositeData) n.getUserData();
            assertEquals("orders", suspected.get("pool"));
            assertTrue(suspected.get("thread").toString().startsWith(Thread.currentThread().getName()));
            assertTrue((Long) suspected.get("heldMillis") >= 1);
            List<LeakSuspectRow> rows = bean.leakSuspects();
            assertEquals(1, rows.size());
            assertTrue(rows.get(0).thread().startsWith(Thread.currentThread().getName()), rows.get(0).thread());
            assertTrue(rows.get(0).heldMillis() >= 1);
            // What a console without poold's classes gets: open data, one composite per row.
            CompositeData[] raw = (CompositeData[]) server.invoke(PoolBeans.nameOf("orders"), "leakSuspects",
                    new Object[0], new String[0]);
            assertEquals(rows.get(0).connection(), raw[0].get("connection"));
            assertTrue(raw[0].containsKey("borrowStack"));
            assertEquals(1, bean.reclaimLeaks());
            Notification reclaimed = received.poll(5, TimeUnit.SECONDS);
            while (reclaimed != null && !reclaimed.getType().equals("poold.leak.reclaimed")) {
                reclaimed = received.poll(5, TimeUnit.SECONDS);
            }
            assertNotNull(reclaimed, "a reclaim notification");
            assertEquals(suspected.get("connection"), ((CompositeData) reclaimed.getUserData()).get("connection"));
        } finally {
            held.close();
        }
    }

    @Test
    void borrowersTimingOutTogetherMakeOneExhaustedNotificationWithThePoolsFigures() throws Exception {
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        server.addNotificationListener(PoolBeans.nameOf("orders"), (n, handback) -> received.add(n), null, null);
        proxy().resize(0, 1);
        proxy().setBorrowTimeoutMillis(2000);
        try (Connection only = pool.getConnection()) {
            List<Thread> waiters = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiters.add(Thread.ofPlatform().start(() -> assertThrows(java.sql.SQLException.class,
                        pool::getConnection)));
            }
            until("four borrowers wait", Duration.ofSeconds(5), () -> pool.stats().pending() == 4);
            for (Thread w : waiters) {
                w.join();
            }
        }
        Notification n = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(n);
        assertEquals("poold.pool.exhausted", n.getType());
        assertTrue(n.getMessage().startsWith("pool 'orders' is exhausted: 1 of 1 connections borrowed"), n.getMessage());
        CompositeData data = (CompositeData) n.getUserData();
        assertEquals("orders", data.get("pool"));
        assertEquals(1, data.get("active"));
        assertEquals(1, data.get("maxSize"));
        assertEquals(0L, data.get("heldBack"));
        assertEquals(null, received.poll(200, TimeUnit.MILLISECONDS), "one notification for the borrowers that waited together");

        // A borrow that began after that notification is a new exhaustion, with the three held back counted.
        try (Connection only = pool.getConnection()) {
            assertThrows(java.sql.SQLException.class, () -> pool.borrow(BorrowRequest.builder()
                    .timeout(Duration.ofMillis(2100)).build()));
        }
        Notification again = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(again, "a later borrow's timeout is notified");
        assertEquals(3L, ((CompositeData) again.getUserData()).get("heldBack"));
        assertTrue(again.getMessage().endsWith("; 3 more borrows found it exhausted since the last notification"),
                again.getMessage());
    }

    @Test
    void aListenersSubscriptionOutlivesAReloadThatReplacesThePool() throws Exception {
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        server.addNotificationListener(PoolBeans.nameOf("orders"), (n, handback) -> received.add(n), null, null);
        try (ConnectionPool replacement = Pools.create(config("orders").minIdle(0).maxSize(1).build())) {
            beans.sync(List.of(replacement));
            try (Connection only = replacement.getConnection()) {
                assertThrows(java.sql.SQLException.class, replacement::getConnection);
            }
            Notification n = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(n, "the new pool's notification reaches the listener of the name");
            assertEquals(PoolBeans.nameOf("orders"), n.getSource());
            assertEquals(1, proxy().getMaxSize());
            beans.sync(List.of(pool));
        }
    }

    @Test
    void syncFollowsThePoolsThatRun() throws Exception {
        try (ConnectionPool other = Pools.create(config("billing").build())) {
            beans.sync(List.of(pool, other));
            assertTrue(server.isRegistered(PoolBeans.nameOf("billing")));
            try (ConnectionPool replacement = Pools.create(config("orders").build())) {
                beans.sync(List.of(replacement, other));
                assertEquals(replacement.liveSettings().maxSize(), proxy().getMaxSize());
                proxy().setMaxSize(7);
                assertEquals(7, replacement.liveSettings().maxSize(), "the name leads to the new pool");
                beans.sync(List.of(replacement));
                assertFalse(server.isRegistered(PoolBeans.nameOf("billing")));
                beans.sync(List.of(pool));
            }
        }
        assertEquals(java.util.Set.of("orders"), beans.registered());
    }

    @Test
    void namesThatObjectNameReservesAreQuoted() {
        assertEquals("poold:type=Pool,name=\"a,b=c\"", PoolBeans.nameOf("a,b=c").getCanonicalName()
                .replace("name=\"a,b=c\",type=Pool", "type=Pool,name=\"a,b=c\""));
        assertEquals("orders", PoolBeans.nameOf("orders").getKeyProperty("name"));
    }
}
