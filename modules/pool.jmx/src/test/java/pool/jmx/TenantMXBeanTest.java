package pool.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.Tenancy;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;

class TenantMXBeanTest {

    private MBeanServer server;
    private PoolBeans beans;
    private ConnectionPool pool;

    @BeforeEach
    void start() throws Exception {
        server = MBeanServerFactory.newMBeanServer();
        beans = new PoolBeans(server);
        pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(StubDatabase.unique("orders").url()).maxSize(6)
                .borrowTimeout(Duration.ofSeconds(30)).reaperInterval(Duration.ofHours(1))
                .tenancy(Tenancy.builder().tenant("acme", 1, 4, 3).tenant("shop-eu", 0, 2, 1).build()).build());
        beans.sync(List.of(pool));
    }

    @AfterEach
    void stop() {
        beans.close();
        pool.close();
    }

    private TenantMXBean proxy(String tenant) {
        return JMX.newMXBeanProxy(server, PoolBeans.tenantNameOf("orders", tenant), TenantMXBean.class);
    }

    @Test
    void everyNamedTenantHasABeanWithItsFigures() throws Exception {
        assertTrue(server.isRegistered(new ObjectName("poold:type=Tenant,pool=orders,name=acme")));
        assertTrue(server.isRegistered(new ObjectName("poold:type=Tenant,pool=orders,name=shop-eu")));
        try (Connection c = pool.borrow(BorrowRequest.builder().tenant("acme").build())) {
            TenantMXBean acme = proxy("acme");
            assertEquals("orders", acme.getPool());
            assertEquals(1, acme.getActiveConnections());
            assertEquals(1, acme.getBorrowCount());
            assertEquals(4, acme.getMax());
            assertEquals(3, acme.getWeight());
            assertTrue(acme.isNamed());
        }
    }

    @Test
    void unknownTenantsGetBeansAsTheyComeAndLoseThemWithThePool() throws Exception {
        pool.borrow(BorrowRequest.builder().tenant("walk-in").build()).close();
        beans.syncTenants(); // what the refresher thread does every TENANT_REFRESH_SECONDS
        ObjectName walkIn = PoolBeans.tenantNameOf("orders", "walk-in");
        assertTrue(server.isRegistered(walkIn));
        assertFalse(proxy("walk-in").isNamed());
        beans.sync(List.of());
        assertFalse(server.isRegistered(walkIn));
        assertTrue(server.queryNames(new ObjectName("poold:type=Tenant,*"), null).isEmpty());
    }

    @Test
    void limitsAreWritableAndApplyLive() throws Exception {
        ObjectName acme = PoolBeans.tenantNameOf("orders", "acme");
        server.setAttribute(acme, new Attribute("Max", 5));
        server.setAttribute(acme, new Attribute("Weight", 7));
        server.setAttribute(acme, new Attribute("Min", 2));
        assertEquals(5, pool.config().tenancy().limitsOf("acme").max());
        assertEquals(7, pool.stats().tenants().getFirst().weight());
        assertEquals(2, proxy("acme").getMin());
        // mins 7 + 0 > maxSize 6: refused, nothing changes
        Exception e = assertThrows(Exception.class, () -> server.setAttribute(acme, new Attribute("Min", 7)));
        assertTrue(String.valueOf(e.getCause()).contains("sum of the tenants' min") || e.getMessage() != null);
        assertEquals(2, proxy("acme").getMin());
    }

    @Test
    void aTenantsInvalidLimitIsRefusedNamingThePoolAndTheTenant() {
        Exception e = assertThrows(Exception.class, () -> proxy("acme").setMax(-1));
        assertTrue(e.getMessage().startsWith("pool 'orders', tenant 'acme': "), e.getMessage());
        e = assertThrows(Exception.class, () -> proxy("shop-eu").setWeight(0));
        assertTrue(e.getMessage().startsWith("pool 'orders', tenant 'shop-eu': "), e.getMessage());
        assertEquals(4, proxy("acme").getMax());
        assertEquals(1, proxy("shop-eu").getWeight());
    }

    @Test
    void writesToThePoolAndToATenantAtOnceKeepEachOther() throws Exception {
        PoolMXBean poolBean = JMX.newMXBeanProxy(server, PoolBeans.nameOf("orders"), PoolMXBean.class);
        TenantMXBean acme = proxy("acme");
        List<String> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread sizes = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 300; i++) {
                poolBean.setMaxSize(10 + i);
                if (poolBean.getMaxSize() != 10 + i) {
                    lost.add("maxSize " + (10 + i));
                }
            }
        });
        for (int i = 0; i < 300; i++) {
            acme.setWeight(1 + i);
            if (acme.getWeight() != 1 + i) {
                lost.add("weight " + (1 + i));
            }
        }
        sizes.join();
        assertEquals(List.of(), lost, "writes one undid the other");
        assertEquals(309, pool.liveSettings().maxSize());
        assertEquals(300, pool.liveSettings().tenancy().limitsOf("acme").weight());
    }

    @Test
    void quotasChangedLiveAreListedAsChangedSettingsOfThePool() throws Exception {
        MBeanServer other = MBeanServerFactory.newMBeanServer();
        var file = pool.liveSettings();
        pool.borrow(BorrowRequest.builder().tenant("walk-in").build()).close(); // an unknown tenant, and its bean
        try (PoolBeans withFile = new PoolBeans(other, name -> name.equals("orders") ? file : null)) {
            withFile.sync(List.of(pool));
            PoolMXBean bean = JMX.newMXBeanProxy(other, PoolBeans.nameOf("orders"), PoolMXBean.class);
            other.setAttribute(PoolBeans.tenantNameOf("orders", "acme"), new Attribute("Max", 5));
            other.setAttribute(PoolBeans.tenantNameOf("orders", "walk-in"), new Attribute("Weight", 2));
            assertEquals(List.of(new SettingChangeRow("tenant acme max", "5", "4"),
                    new SettingChangeRow("tenant walk-in named", "true", "false"),
                    new SettingChangeRow("tenant walk-in weight", "2", "1")), bean.getChangedSettings());
            other.setAttribute(PoolBeans.tenantNameOf("orders", "acme"), new Attribute("Max", 4));
            other.setAttribute(PoolBeans.tenantNameOf("orders", "walk-in"), new Attribute("Weight", 1));
            // Its limits are the file's defaults again, but it stays named (never forgotten, counted
            // against maxTenants) until the file's settings come back: still a change from the file.
            assertEquals(List.of(new SettingChangeRow("tenant walk-in named", "true", "false")),
                    bean.getChangedSettings(), "back to the file's limits");
        }
    }

    @Test
    void oneReadOfSeveralAttributesTakesTheTenantsFiguresOnceAndNotThePools() throws Exception {
        // A scrape reads a dozen attributes of each of up to maxTenants tenants: computing the
        // whole pool's figures (every tenant's) for each would cost tenants squared.
        java.util.concurrent.atomic.AtomicInteger statsCalls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger tenantCalls = new java.util.concurrent.atomic.AtomicInteger();
        ConnectionPool counting = (ConnectionPool) java.lang.reflect.Proxy.newProxyInstance(
                ConnectionPool.class.getClassLoader(), new Class<?>[] {ConnectionPool.class}, (proxy, m, args) -> {
                    if (m.getName().equals("stats")) {
                        statsCalls.incrementAndGet();
                    } else if (m.getName().equals("tenantStats")) {
                        tenantCalls.incrementAndGet();
                    }
                    return m.invoke(pool, args);
                });
        MBeanServer other = MBeanServerFactory.newMBeanServer();
        pool.jmx.internal.TenantBeans tenants = new pool.jmx.internal.TenantBeans(other);
        tenants.sync(List.of(counting), PoolBeans::tenantNameOf);
        try {
            try (Connection c = pool.borrow(BorrowRequest.builder().tenant("acme").build())) {
                statsCalls.set(0);
                tenantCalls.set(0);
                var read = other.getAttributes(PoolBeans.tenantNameOf("orders", "acme"), new String[] {
                        "ActiveConnections", "WaitingBorrowers", "BorrowCount", "TimeoutCount", "WaitP99Micros", "Max"});
                assertEquals(List.of(1, 0, 1L, 0L),
                        read.asList().subList(0, 4).stream().map(Attribute::getValue).toList());
                assertEquals(1, tenantCalls.get());
                assertEquals(0, statsCalls.get());
            }
            assertEquals(0, other.getAttribute(PoolBeans.tenantNameOf("orders", "acme"), "ActiveConnections"),
                    "no snapshot outlives its read");
        } finally {
            tenants.close();
        }
    }

    @Test
    void attributesAreDescribed() throws Exception {
        for (MBeanAttributeInfo a : server.getMBeanInfo(PoolBeans.tenantNameOf("orders", "acme")).getAttributes()) {
            assertFalse(a.getDescription() == null || a.getDescription().isBlank()
                    || a.getDescription().equals(a.getName()), a.getName());
        }
    }

    @Test
    void aPoolWithoutTenancyHasNoTenantBeans() throws Exception {
        try (ConnectionPool plain = Pools.create(PoolConfig.builder("plain").jdbcUrl(StubDatabase.unique("p").url())
                .build())) {
            beans.sync(List.of(pool, plain));
            assertEquals(2, server.queryNames(new ObjectName("poold:type=Tenant,*"), null).size());
        }
    }
}
