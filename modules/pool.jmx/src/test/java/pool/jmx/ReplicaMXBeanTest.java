package pool.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.Replicas;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;
import pool.testsupport.await.Await;

/** The Replica beans of a pool with replicas (over stub databases), and its down/up notifications. */
class ReplicaMXBeanTest {

    private MBeanServer server;
    private PoolBeans beans;
    private ConnectionPool pool;
    private StubDatabase replica;

    @BeforeEach
    void start() throws Exception {
        server = MBeanServerFactory.newMBeanServer();
        beans = new PoolBeans(server);
        StubDatabase primary = StubDatabase.unique("orders");
        replica = StubDatabase.unique("orders-r1");
        pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(primary.url()).user("app").password("secret")
                .maxSize(4).borrowTimeout(Duration.ofMillis(500)).reaperInterval(Duration.ofHours(1))
                .replicas(Replicas.builder().replica("r1", replica.url()).checkInterval(Duration.ofMillis(50)).build())
                .build());
        beans.sync(List.of(pool));
    }

    @AfterEach
    void stop() {
        beans.close();
        pool.close();
    }

    private static void await(String what, Await.Condition condition) throws Exception {
        Await.until(what, Duration.ofSeconds(10), condition);
    }

    @Test
    void eachReplicaIsABeanNamedAfterItsPoolWithDescribedAttributes() throws Exception {
        ObjectName name = new ObjectName("poold:type=Replica,pool=orders,name=r1");
        assertEquals(name, PoolBeans.replicaNameOf("orders", "r1"));
        assertTrue(server.isRegistered(name));
        ReplicaMXBean r = JMX.newMXBeanProxy(server, name, ReplicaMXBean.class);
        assertEquals("r1", r.getName());
        assertEquals("orders", r.getPool());
        assertEquals("UP", r.getState());
        assertTrue(r.isTakingReads());
        assertEquals("", r.getReason());
        assertFalse(r.getLastCheck().isEmpty());
        try (var c = pool.getConnection(); var s = c.createStatement()) {
            s.executeQuery("SELECT 1").close();
        }
        assertEquals(1, r.getReadsServed());
        var read = server.getAttributes(name, new String[] {"State", "ReadsServed", "TotalConnections"});
        assertEquals(List.of("UP", 1L, r.getTotalConnections()),
                read.asList().stream().map(javax.management.Attribute::getValue).toList(), "one read, one snapshot");
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            assertFalse(a.getDescription().isBlank(), a.getName());
            assertFalse(a.isWritable(), a.getName() + " is read-only");
        }
    }

    @Test
    void theReplicaGoingDownAndUpIsNotifiedOnThePoolsBean() throws Exception {
        List<Notification> seen = new CopyOnWriteArrayList<>();
        server.addNotificationListener(PoolBeans.nameOf("orders"), (n, h) -> seen.add(n), null, null);
        ReplicaMXBean r = JMX.newMXBeanProxy(server, PoolBeans.replicaNameOf("orders", "r1"), ReplicaMXBean.class);

        replica.valid(false);
        await("r1 is DOWN", () -> r.getState().equals("DOWN"));
        assertFalse(r.isTakingReads());
        assertFalse(r.getReason().isEmpty());
        await("poold.replica.down", () -> seen.stream().anyMatch(n -> n.getType().equals(PoolNotifications.REPLICA_DOWN)));

        replica.valid(true);
        await("r1 is UP", () -> r.getState().equals("UP"));
        await("poold.replica.up", () -> seen.stream().anyMatch(n -> n.getType().equals(PoolNotifications.REPLICA_UP)));
        Notification down = seen.stream().filter(n -> n.getType().equals(PoolNotifications.REPLICA_DOWN)).findFirst().orElseThrow();
        assertTrue(down.getMessage().contains("replica 'r1' of pool 'orders' takes no reads"), down.getMessage());
        javax.management.openmbean.CompositeData data = (javax.management.openmbean.CompositeData) down.getUserData();
        assertEquals("orders", data.get("pool"));
        assertEquals("r1", data.get("replica"));
        assertFalse(data.get("reason").toString().isEmpty());
        assertEquals(1, seen.stream().filter(n -> n.getType().equals(PoolNotifications.REPLICA_DOWN)).count(),
                "one notification per change, however many checks saw it down");
    }

    @Test
    void replicaBeansLeaveWithTheirPool() throws Exception {
        beans.sync(List.of());
        assertFalse(server.isRegistered(PoolBeans.replicaNameOf("orders", "r1")));
        assertTrue(server.queryNames(new ObjectName("poold:*"), null).isEmpty());
    }
}
