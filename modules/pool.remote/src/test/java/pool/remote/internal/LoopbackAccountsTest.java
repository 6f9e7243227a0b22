package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import pool.remote.ConnectionLimits;

/**
 * security.md: connections from this host count per local account, not per address, so that
 * one local account holding connections open to a port cannot lock another (the operator's
 * poolctl) out of it.
 */
class LoopbackAccountsTest {

    private static final int NOBODY = 65534;

    private static int myUid() throws Exception {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    @Test
    void aLoopbackConnectionBelongsToTheAccountOfTheProcessThatOpenedIt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            assertEquals(OptionalInt.of(myUid()), LoopbackPeers.ownerOf(accepted));
        }
    }

    @Test
    void theKernelsAddressesAreReadInItsWordOrder() throws Exception {
        assertEquals(InetAddress.getByName("127.0.0.1"), LoopbackPeers.address("0100007F"));
        assertEquals(InetAddress.getByName("127.0.0.1"), LoopbackPeers.address("0000000000000000FFFF00000100007F"));
        assertEquals(InetAddress.getByName("::1"), LoopbackPeers.address("00000000000000000000000001000000"));
    }

    @Test
    void beyondTheLoopbackAddresssShareEachLocalAccountHasOneOfItsOwn() throws Exception {
        ConnectionGuard guard = new ConnectionGuard("test port",
                new ConnectionLimits(20, 2, Duration.ofSeconds(10), Duration.ofSeconds(30)));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int[] lookups = {0};
        java.util.function.Supplier<OptionalInt> attacker = () -> {
            lookups[0]++;
            return OptionalInt.of(1000);
        };
        assertNotNull(guard.admit(loopback, attacker));
        assertNotNull(guard.admit(loopback, attacker));
        assertEquals(0, lookups[0], "within the address's share nobody is looked up");
        assertNotNull(guard.admit(loopback, attacker), "the account's own share");
        assertNotNull(guard.admit(loopback, attacker));
        assertNull(guard.admit(loopback, attacker), "both used up");
        assertNotNull(guard.admit(loopback, () -> OptionalInt.of(0)), "another account has its own");
        assertNotNull(guard.admit(loopback, () -> OptionalInt.of(0)));
        assertNull(guard.admit(loopback, () -> OptionalInt.of(0)));
        assertNull(guard.admit(loopback, OptionalInt::empty), "unknown: by address only, as before");
        InetAddress remote = InetAddress.getByName("10.0.0.1");
        assertNotNull(guard.admit(remote, () -> OptionalInt.of(0)));
        assertNotNull(guard.admit(remote, () -> OptionalInt.of(0)));
        assertNull(guard.admit(remote, () -> OptionalInt.of(0)), "another host has no local account");
    }

    /**
     * The attack: another local account opens more connections than the per-address cap
     * allows and keeps them open; the operator's own connections from the same loopback
     * address are still admitted.
     */
    @Test
    void anotherLocalAccountHoldingItsShareDoesNotLockTheOperatorOut() throws Exception {
        Assumptions.assumeTrue(myUid() == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs root and setpriv to run a process as another account");
        ConnectionGuard guard = new ConnectionGuard("test port",
                new ConnectionLimits(64, 4, Duration.ofSeconds(10), Duration.ofSeconds(30)));
        BlockingQueue<Socket> admitted = new LinkedBlockingQueue<>();
        Set<Socket> all = ConcurrentHashMap.newKeySet();
        try (ServerSocket guarded = GuardedServerSocket.wrap(new ServerSocket(0, 64, InetAddress.getLoopbackAddress()),
                guard)) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    for (;;) {
                        Socket s = guarded.accept();
                        all.add(s);
                        admitted.add(s);
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            int port = guarded.getLocalPort();
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                script.append("exec ").append(10 + i).append("<>/dev/tcp/127.0.0.1/").append(port).append("; ");
            }
            script.append("echo held; sleep 60");
            Process attacker = new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                    "--clear-groups", "/bin/bash", "-c", script.toString()).redirectErrorStream(true).start();
            List<Socket> mine = new ArrayList<>();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(attacker.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals("held", out.readLine());
                // The address's share (4) and its account's (4) are admitted, the rest closed; wait for
                // those eight before the operator comes.
                for (int i = 0; i < 8; i++) {
                    assertNotNull(admitted.poll(30, TimeUnit.SECONDS), "the attacker's share");
                }
                for (int i = 0; i < 4; i++) {
                    mine.add(new Socket(InetAddress.getLoopbackAddress(), port));
                }
                Set<Integer> myPorts = ConcurrentHashMap.newKeySet();
                mine.forEach(s -> myPorts.add(s.getLocalPort()));
                for (int i = 0; i < 4; i++) {
                    Socket s = admitted.poll(30, TimeUnit.SECONDS);
                    assertNotNull(s, "the operator's connection " + (i + 1) + " was refused");
                    assertTrue(myPorts.contains(s.getPort()), "an operator's connection, not the attacker's");
                }
                assertEquals(12, guard.open());
            } finally {
                attacker.destroyForcibly();
                for (Socket s : mine) {
                    s.close();
                }
                all.forEach(s -> {
                    try {
                        s.close();
                    } catch (java.io.IOException ignored) {
                        // closing
                    }
                });
            }
            guarded.close();
            acceptor.join(10_000);
        }
    }
}
