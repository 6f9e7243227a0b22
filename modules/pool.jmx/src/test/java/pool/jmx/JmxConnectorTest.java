package pool.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JmxConnectorTest {

    static {
        // As in the daemon (pool.remote sets it before its registry): a registry admits
        // only the String of a lookup from the wire, so the connector must bind locally.
        System.setProperty("sun.rmi.registry.registryFilter", "maxdepth=4;maxrefs=16;maxbytes=4096;maxarray=256;java.lang.String;!*");
    }

    private MBeanServer mbeans;
    private DaemonBean daemon;
    private JmxConnector connector;

    @BeforeEach
    void start() throws Exception {
        mbeans = MBeanServerFactory.newMBeanServer();
        daemon = new DaemonBean(() -> List.of("orders"), "pools.xml", () -> "reloaded: no pool changed");
        daemon.register(mbeans);
        connector = JmxConnector.start(mbeans, "127.0.0.1", 0,
                (user, password) -> user.equals("ops") && new String(password).equals("s3cret"));
    }

    @AfterEach
    void stop() {
        connector.close();
        daemon.close();
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
                (u, p) -> true));
    }
}
