import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIServer;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import pool.protocol.TlsClientSocketFactory;

/**
 * A JMX client on Java 17 with nothing of poold but pool.protocol on its class path, run in
 * source-file mode by a Java 17 JDK (pool.daemon's TLS process test starts it; Maven never
 * compiles this directory). {@code JmxClient17 MODE HOST PORT USER}, password in the
 * environment variable POOLD_TEST_PASSWORD, TLS stores in the standard
 * {@code javax.net.ssl.*} properties. Modes:
 * <ul>
 * <li>{@code jndi}: as poolctl connects, the registry lookup through poold's
 *     {@code TlsClientSocketFactory};</li>
 * <li>{@code jconsole}: as JConsole connects to HOST:PORT, the registry lookup through the
 *     JDK's {@code SslRMIClientSocketFactory} (which on Java 17 checks no host name), then
 *     the connector through the stub it returned, with the factory the daemon put in it.</li>
 * </ul>
 * Prints {@code JAVA <version>}, {@code LOOKUP OK} once a jconsole-mode lookup passed, then
 * {@code POOLS <names>} or {@code FAILED <exception>} (and exits 3).
 */
public final class JmxClient17 {

    public static void main(String[] args) throws Exception {
        System.out.println("JAVA " + System.getProperty("java.specification.version"));
        String mode = args[0];
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {args[3], System.getenv("POOLD_TEST_PASSWORD")});
        JMXConnector connector;
        try {
            if (mode.equals("jndi")) {
                env.put("com.sun.jndi.rmi.factory.socket", new TlsClientSocketFactory());
                connector = JMXConnectorFactory.connect(
                        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi"), env);
            } else {
                Registry registry = LocateRegistry.getRegistry(host, port, new SslRMIClientSocketFactory());
                RMIServer stub = (RMIServer) registry.lookup("jmxrmi");
                System.out.println("LOOKUP OK");
                connector = new RMIConnector(stub, null);
                connector.connect(env);
            }
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            String[] pools = (String[]) mbeans.getAttribute(new ObjectName("poold:type=Daemon"), "Pools");
            System.out.println("POOLS " + String.join(",", pools));
            connector.close();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.println("FAILED " + e + " / " + root);
            System.exit(3);
        }
        System.exit(0);
    }
}
