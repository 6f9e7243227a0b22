package pool.testsupport.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Loopback ports for test servers that nothing else on the machine can take before the
 * server binds them, nor between two servers on the same port (a restart).
 *
 * <p>A port found free by binding a probe socket and closing it is free for anyone: it comes
 * from the ephemeral range, so until the server binds it the kernel may give it to any
 * process's outgoing connection as its local port (or to another {@code bind} to port 0), and
 * the server then fails with "address already in use". Under a full test run, with
 * other test JVMs and databases connecting all the time, that happens.
 *
 * <p>A reserved port stays bound, for the life of the JVM, by a socket that never listens nor
 * connects, with {@code SO_REUSEADDR}. Linux gives a port bound that way to no outgoing
 * connection ({@code __inet_hash_connect} skips ports whose bind bucket was made by
 * {@code bind}) and to no {@code bind} to port 0, while a listening socket with
 * {@code SO_REUSEADDR} may bind it as often as it likes, in this process or another: every
 * {@code java.net.ServerSocket} and {@code ServerSocketChannel} on Linux sets it, and so do
 * PostgreSQL and MariaDB.
 */
public final class ReservedPorts {

    /** The reserving sockets: kept reachable (and so open) until the JVM exits. */
    private static final List<SocketChannel> HELD = new CopyOnWriteArrayList<>();

    private ReservedPorts() {
    }

    /** @return a port of 127.0.0.1 reserved for this JVM's servers (and those of processes it starts) */
    public static int loopback() {
        try {
            SocketChannel hold = SocketChannel.open(StandardProtocolFamily.INET);
            try {
                hold.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                hold.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
            } catch (IOException | RuntimeException e) {
                hold.close();
                throw e;
            }
            HELD.add(hold);
            return ((InetSocketAddress) hold.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve a loopback port", e);
        }
    }
}
