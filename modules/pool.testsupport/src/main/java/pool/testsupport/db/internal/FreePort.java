package pool.testsupport.db.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks a TCP port on the loopback interface that nobody listens on right now. */
public final class FreePort {
    private FreePort() {}

    /**
     * Returns a port that was free a moment ago. Another process may still take it before
     * the server binds it, so callers retry with a new port when the server reports a bind
     * clash.
     */
    public static int onLoopback() {
        try (ServerSocket socket = new ServerSocket()) {
            // No SO_REUSEADDR: the server we start next binds without it on some platforms,
            // and we want a port whose previous user is fully gone.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind any port on 127.0.0.1", e);
        }
    }
}
