package pool.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.Replicas;
import pool.api.Tenancy;
import pool.api.TenancyMode;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;
import pool.testsupport.await.Await;

/**
 * Every state change a monitoring user subscribes to reaches the pool's or the daemon's bean
 * as its documented notification type, whatever kind the pool is: a replica down (from the
 * pool's start on, too) and back, a pool suspended and resumed.
 */
class StateChangeNotificationsTest {

    enum Kind {
        PLAIN(b -> b),
        ROUTED(b -> b.replicas(Replicas.builder().replica("r1", StubDatabase.unique("orders-r1").url())
                .checkInterval(Duration.ofMillis(50)).build())),
        SHARDED(b -> b.tenancy(Tenancy.builder().mode(TenancyMode.SHARDED).tenant("acme", 0, 2, 1).build()));

        final UnaryOperator<PoolConfig.Builder> shape;

        Kind(UnaryOperator<PoolConfig.Builder> shape) {
            this.shape = shape;
        }
    }

    private MBeanServer server;
    private PoolBeans beans;
    private final List<ConnectionPool> pools = new ArrayList<>();
    private final List<Notification> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = MBeanServerFactory.newMBeanServer();
        beans = new PoolBeans(server);
    }

    @AfterEach
    void stop() {
        beans.close();
        pools.forEach(ConnectionPool::close);
    }

    private ConnectionPool pool(Kind kind, String replicaUrl) throws java.sql.SQLException {
        PoolConfig.Builder b = PoolConfig.builder("orders").jdbcUrl(StubDatabase.unique("orders").url())
                .maxSize(4).borrowTimeout(Duration.ofMillis(500)).reaperInterval(Duration.ofHours(1));
        b = replicaUrl == null ? kind.shape.apply(b) : b.replicas(Replicas.builder().replica("r1", replicaUrl)
                .checkInterval(Duration.ofMillis(50)).build());
        ConnectionPool p = Pools.create(b.build());
        pools.add(p);
        return p;
    }

    private List<Notification> of(String type) {
        return seen.stream().filter(n -> n.getType().equals(type)).toList();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void suspendAndResumeAreNotifiedOnceEach(Kind kind) throws Exception {
        beans.sync(List.of(pool(kind, null)));
        server.addNotificationListener(PoolBeans.nameOf("orders"), (n, h) -> seen.add(n), null, null);
        PoolMXBean bean = JMX.newMXBeanProxy(server, PoolBeans.nameOf("orders"), PoolMXBean.class);
        bean.suspend();
        bean.suspend();
        assertEquals("SUSPENDED", bean.getState());
        bean.resume();
        bean.resume();
        assertEquals(1, of(PoolNotifications.POOL_SUSPENDED).size(), seen.toString());
        assertEquals(1, of(PoolNotifications.POOL_RESUMED).size(), seen.toString());
        CompositeData suspended = (CompositeData) of(PoolNotifications.POOL_SUSPENDED).getFirst().getUserData();
        assertEquals("orders", suspended.get("pool"));
        assertEquals("SUSPENDED", suspended.get("state"));
        assertTrue(of(PoolNotifications.POOL_SUSPENDED).getFirst().getMessage().contains("pool 'orders' suspended"));
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "ROUTED")
    void aReplicaDownWhenItsPoolStartsIsNotifiedAndSoIsItsReturn(Kind kind) throws Exception {
        beans.sync(List.of(pool(kind, null)));
        server.addNotificationListener(PoolBeans.nameOf("orders"), (n, h) -> seen.add(n), null, null);
        // A reload replaces the pool: its replica is down from the start, and the subscription stays.
        StubDatabase replica = StubDatabase.unique("orders-r1-new");
        replica.valid(false);
        ConnectionPool next = pool(kind, replica.url());
        beans.sync(List.of(next));
        Await.until("poold.replica.down for a replica down from the start", Duration.ofSeconds(10),
                () -> !of(PoolNotifications.REPLICA_DOWN).isEmpty());
        CompositeData down = (CompositeData) of(PoolNotifications.REPLICA_DOWN).getFirst().getUserData();
        assertEquals("r1", down.get("replica"));
        assertTrue(!down.get("reason").toString().isEmpty(), down.toString());
        replica.valid(true);
        Await.until("poold.replica.up", Duration.ofSeconds(10), () -> !of(PoolNotifications.REPLICA_UP).isEmpty());
        assertEquals(1, of(PoolNotifications.REPLICA_DOWN).size(), seen.toString());
    }
}
