package pool.remote.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/**
 * The local account behind a loopback connection: the user id owning the client's end of
 * the socket, as Linux lists it in {@code /proc/net/tcp} and {@code /proc/net/tcp6}. Every
 * local process connects from loopback, so counting local peers by address would put all
 * of them, poolctl included, under one share of the per-address cap: one local account
 * holding 32 idle connections to the JMX port would lock every operator out. Counted per
 * account instead, a local attacker uses up only its own share.
 */
final class LoopbackPeers {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private LoopbackPeers() {
    }

    /**
     * @param accepted a connection this host accepted
     * @return the user id owning its other end when it comes from this host and the kernel lists it; empty
     *         otherwise (another host, no /proc, the client gone already)
     */
    static OptionalInt ownerOf(Socket accepted) {
        InetAddress peer = accepted.getInetAddress();
        if (peer == null || !peer.isLoopbackAddress()) {
            return OptionalInt.empty();
        }
        return ownerOf(TABLES, peer, accepted.getPort(), accepted.getLocalAddress(), accepted.getLocalPort());
    }

    /** @return the uid of the socket whose local end is {@code peer:peerPort} and remote end {@code us:ourPort} */
    static OptionalInt ownerOf(List<Path> tables, InetAddress peer, int peerPort, InetAddress us, int ourPort) {
        String port = String.format(":%04X", peerPort);
        for (Path table : tables) {
            try (BufferedReader in = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
                in.readLine(); // the header
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    OptionalInt uid = uidIfItIs(line, port, peer, us, ourPort);
                    if (uid.isPresent()) {
                        return uid;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // No such table here (no IPv6, not Linux): the peer counts by its address.
            }
        }
        return OptionalInt.empty();
    }

    private static OptionalInt uidIfItIs(String line, String port, InetAddress peer, InetAddress us, int ourPort)
            throws UnknownHostException {
        // Most lines are other sockets: a plain search for the port skips them without splitting
        // (a flood of local connections makes the table long, and each is accepted with a look-up).
        if (line.indexOf(port) < 0) {
            return OptionalInt.empty();
        }
        String[] f = line.strip().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid ...
        if (f.length < 8 || !f[1].endsWith(port)) {
            return OptionalInt.empty();
        }
        int colon = f[2].indexOf(':');
        if (colon < 0 || Integer.parseInt(f[2].substring(colon + 1), 16) != ourPort
                || !address(f[1].substring(0, f[1].indexOf(':'))).equals(peer)
                || !address(f[2].substring(0, colon)).equals(us)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(f[7]));
    }

    /** The kernel writes an address as 32-bit words in host (little-endian) order; an IPv4-mapped one reads as IPv4. */
    static InetAddress address(String hex) throws UnknownHostException {
        byte[] b = HexFormat.of().parseHex(hex);
        for (int w = 0; w + 4 <= b.length; w += 4) {
            byte t = b[w];
            b[w] = b[w + 3];
            b[w + 3] = t;
            t = b[w + 1];
            b[w + 1] = b[w + 2];
            b[w + 2] = t;
        }
        return InetAddress.getByAddress(b);
    }
}
