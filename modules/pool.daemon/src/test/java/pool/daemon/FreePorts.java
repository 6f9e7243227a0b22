package pool.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free loopback ports, so that test daemons never collide with a running poold on 1099 or with each other. */
public final class FreePorts {

    /**
     * Ports handed out in this JVM: the kernel may offer a port again as soon as its probe
     * socket is closed, so two calls in a row (a registry port and a JMX port) could
     * otherwise get the same one before either daemon binds it.
     */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int loopback() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (GIVEN.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
