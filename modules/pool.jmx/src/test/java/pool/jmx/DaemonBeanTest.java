package pool.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import org.junit.jupiter.api.Test;

class DaemonBeanTest {

    @Test
    void showsThePoolsSortedReloadsThroughTheCallbackAndNotifies() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        AtomicInteger reloads = new AtomicInteger();
        java.time.Instant before = java.time.Instant.now();
        DaemonBean bean = new DaemonBean(() -> List.of("b", "a"), "/etc/poold/pools.xml",
                () -> "reloaded: " + reloads.incrementAndGet(), () -> 42);
        bean.register(server);
        assertTrue(server.isRegistered(DaemonBean.NAME));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) server.getAttribute(DaemonBean.NAME, "Pools"));
        assertEquals("/etc/poold/pools.xml", server.getAttribute(DaemonBean.NAME, "ConfigFile"));
        java.time.Instant started = java.time.Instant.parse((String) server.getAttribute(DaemonBean.NAME, "StartedAt"));
        assertTrue(!started.isBefore(before) && !started.isAfter(java.time.Instant.now()),
                "StartedAt " + started + " is the bean's creation time");
        assertEquals(42L, server.getAttribute(DaemonBean.NAME, "PasswordChecks"));

        BlockingQueue<Notification> seen = new LinkedBlockingQueue<>();
        server.addNotificationListener(DaemonBean.NAME, (n, h) -> seen.add(n), null, null);
        assertEquals("reloaded: 1", server.invoke(DaemonBean.NAME, "reload", new Object[0], new String[0]));
        bean.reloaded("reloaded: 1");
        Notification n = seen.poll(5, TimeUnit.SECONDS);
        assertEquals(DaemonBean.CONFIG_RELOADED, n.getType());
        assertEquals("reloaded: 1", n.getMessage());

        MBeanInfo info = server.getMBeanInfo(DaemonBean.NAME);
        for (var a : info.getAttributes()) {
            assertFalse(a.getDescription().isBlank() || a.getDescription().equals(a.getName()), a.getName());
        }
        assertTrue(info.getOperations()[0].getDescription().contains("SIGHUP"));

        bean.close();
        assertFalse(server.isRegistered(DaemonBean.NAME));
    }

    @Test
    void aSecondDaemonInTheSameJvmLeavesTheNameToTheFirst() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        DaemonBean first = new DaemonBean(() -> List.of("one"), "first.xml", () -> "", () -> 0);
        DaemonBean second = new DaemonBean(() -> List.of("two"), "second.xml", () -> "", () -> 0);
        first.register(server);
        second.register(server);
        assertEquals("first.xml", server.getAttribute(DaemonBean.NAME, "ConfigFile"));
        second.close();
        assertTrue(server.isRegistered(DaemonBean.NAME), "the second never owned it");
        first.close();
        assertFalse(server.isRegistered(DaemonBean.NAME));
    }
}
