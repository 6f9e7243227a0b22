package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import pool.client.RemoteDataSource;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.LoginReply;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Wire;
import pool.remote.PasswordHash;
import pool.testsupport.await.Await;
import pool.testsupport.rmi.Jrmp;
import pool.testsupport.rmi.RawChannel;
import pool.testsupport.rmi.RmiSmuggler;

/**
 * The review's attacks before login (items 3, 6 and 10 of issue 11), each run against the
 * packaged daemon in its own process, with a 256 MiB heap and the launcher's
 * {@code -XX:+ExitOnOutOfMemoryError}, while a real remote client keeps using it.
 *
 * <p>The daemon runs with the default caps on unauthenticated connections (256 per port,
 * 32 per address), a 3 s request timeout and RMI's idle timeout set to 5 s, so that the
 * deadlines pass within a test. Attackers connect from 127.0.0.2 and up (any of 127/8
 * reaches a loopback listener), standing for other hosts; the real client uses 127.0.0.1.
 * The daemon writes one line per kind of refusal and port per 10 s: the tests run in an
 * order where each line they look for is the first of its kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PreLoginLimitsProcessTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final int CAP = 256;

    private final String password = java.util.UUID.randomUUID().toString();
    private Path work;
    private int port;
    private int jmxPort;
    private PooldProcess daemon;
    private RemoteDataSource client;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("poold-prelogin-");
        port = FreePorts.loopback();
        jmxPort = FreePorts.loopback();
        daemon = startDaemon(work, config(work, port, jmxPort, "app"));
        client = RemoteDataSource.builder("rmi://127.0.0.1:" + port + "/pools/a").user("app").password(password)
                .releaseDelay(Duration.ZERO).build();
        assertEquals(1, query(client, 1));
        assertTrue(daemon.stdout().contains("before login at most 256 connections, 32 per address, 3000 ms per request,"
                + " 5000 ms idle between RMI requests"), "the operator's -D of RMI's read timeout wins: " + daemon.stdout());
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (daemon != null) {
            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
            assertFalse(daemon.stdout().contains("OutOfMemoryError") || daemon.stderr().contains("OutOfMemoryError"),
                    daemon.stderr());
        }
    }

    private Path config(Path dir, int registryPort, int jmx, String clientUser) throws IOException {
        String hash = PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        return Files.writeString(dir.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <rmiRegistryPort>%d</rmiRegistryPort>
                    <jmxPort>%d</jmxPort>
                    <drainTimeout>5s</drainTimeout>
                    <requestTimeout>%ds</requestTimeout>
                    <maxChannelsPerTicket>4</maxChannelsPerTicket>
                    <maxCallBytesPerTicket>1MiB</maxCallBytesPerTicket>
                  </daemon>
                  <clients><user name="%s" hash="%s"/></clients>
                  <pool name="a" driver="h2" h2Admin="deliberate"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl><maxSize>4</maxSize></pool>
                </poold>
                """.formatted(registryPort, jmx, REQUEST_TIMEOUT.toSeconds(), clientUser, hash));
    }

    private static PooldProcess startDaemon(Path dir, Path config) throws Exception {
        return startDaemon(dir, config, "-Xmx256m -Dsun.rmi.transport.tcp.readTimeout=5000");
    }

    private static PooldProcess startDaemon(Path dir, Path config, String javaOpts) throws Exception {
        return PooldProcess.startReady(dir, Map.of("POOLD_JAVA_OPTS", javaOpts), config);
    }

    private static int query(RemoteDataSource ds, int value) throws SQLException {
        return RemoteClients.echo(ds, value);
    }

    /** @return the daemon's threads now, as the kernel counts them */
    private int threads() throws IOException {
        return Files.readAllLines(Path.of("/proc/" + daemon.pid() + "/status")).stream()
                .filter(l -> l.startsWith("Threads:")).mapToInt(l -> Integer.parseInt(l.substring(8).strip()))
                .findFirst().orElseThrow();
    }

    /** The {@code i}th attacking host: 127.0.0.2 and up. */
    private static InetAddress attacker(int i) throws IOException {
        return InetAddress.getByName("127.0.0." + (2 + i));
    }

    /** A real client querying all along, on a thread of its own, until {@link #close()}. */
    private final class RealClient implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong served = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread = Thread.ofPlatform().name("real-client").start(this::run);

        private void run() {
            int i = 0;
            while (running.get()) {
                try {
                    assertEquals(i, query(client, i));
                    served.incrementAndGet();
                    i++;
                    Thread.sleep(20); // a real client's pause between queries: pacing, not waiting for anything
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
            if (failure.get() != null) {
                throw new AssertionError("the real client failed after " + served.get() + " queries", failure.get());
            }
            assertTrue(served.get() > 0);
        }
    }

    private byte[] login() throws Exception {
        return RawChannel.login(port, "a", "app", password);
    }

    // ---------------------------------------------------------------- item 3: memory before login

    @Test
    @Order(2)
    void fourConnectionsStreamingHugeLookupNamesAreCutWhileTheDaemonServesARealClient() throws Exception {
        long declared = 1L << 30;
        long streamed = 64L << 20;
        try (RealClient real = new RealClient()) {
            List<CompletableFuture<Long>> attacks = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int i = 0; i < 4; i++) {
                    InetAddress from = attacker(i);
                    attacks.add(CompletableFuture.supplyAsync(() -> {
                        try (Jrmp j = Jrmp.open("127.0.0.1", port, from)) {
                            return j.streamLookupName(declared, streamed);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, pool));
                }
                for (CompletableFuture<Long> attack : attacks) {
                    long sent = attack.get(120, TimeUnit.SECONDS);
                    assertTrue(sent < streamed, "the daemon read a whole 64 MiB lookup name: " + sent + " bytes");
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertTrue(daemon.isAlive(), daemon.stderr());
        assertTrue(daemon.awaitOutput("RMI registry port from 127.0.0.", 10), daemon.stdout());
        assertTrue(daemon.stdout().contains(": a request before login longer than " + Protocol.MAX_RMI_REQUEST_BYTES
                + " bytes"), daemon.stdout());
        assertFalse(daemon.stdout().contains("OutOfMemoryError") || daemon.stderr().contains("OutOfMemoryError"));
    }

    @Test
    @Order(1)
    void twoMebibyteTicketsToRenewAndCancelAreRefusedWhileBeingRead() throws Exception {
        RemotePool stub = (RemotePool) LocateRegistry.getRegistry("127.0.0.1", port).lookup("pools/a");
        String huge = "t".repeat(2 << 20);
        try (RealClient real = new RealClient()) {
            assertThrows(RemoteException.class, () -> RmiSmuggler.renew(stub, huge, new long[] {1}));
            assertThrows(RemoteException.class, () -> RmiSmuggler.cancel(stub, huge, 1));
            // As the interface has it now, a byte[] ticket: refused by the socket's count too.
            assertThrows(RemoteException.class, () -> stub.renew(new byte[2 << 20], new long[] {1}));
        }
        assertTrue(daemon.awaitOutput("RMI registry port from 127.0.0.1: a request before login longer than", 10),
                daemon.stdout());
        // A renewal of many sessions fits: the client sends them in chunks the daemon reads.
        long[] unknown = stub.renew(login(), new long[Protocol.MAX_RENEW_SESSIONS]);
        assertEquals(Protocol.MAX_RENEW_SESSIONS, unknown.length, "none of them is a session of this login");
    }

    @Test
    @Order(3)
    void aFourMebibyteJmxLoginUserNameIsRefusedWhileBeingReadAndItsLogLineIsShort() throws Exception {
        String huge = "u".repeat(4 << 20);
        var url = new javax.management.remote.JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort
                + "/jmxrmi");
        Exception refused = assertThrows(Exception.class, () -> javax.management.remote.JMXConnectorFactory.connect(url,
                Map.of(javax.management.remote.JMXConnector.CREDENTIALS, new String[] {huge, "x"})));
        assertFalse(refused instanceof SecurityException, "refused while read, not by the password check: " + refused);
        assertTrue(daemon.awaitOutput("JMX connector from 127.0.0.1: a request before login longer than "
                + Protocol.MAX_RMI_REQUEST_BYTES + " bytes", 10), daemon.stdout());
        assertTrue(daemon.stdout().lines().allMatch(l -> l.length() < 1000), "no log line carries the name");
        assertFalse(daemon.stdout().contains("uuuuuuuuuuuuuuuu"));
        assertEquals(7, query(client, 7));
    }

    // ---------------------------------------------------------------- item 6: threads and time before login

    @Test
    @Order(5)
    void twoThousandHalfOpenCallChannelsMakeNoThreadsAndAreCutByTheCapsAndTheDeadline() throws Exception {
        int before = threads();
        byte[] halfHello = java.util.Arrays.copyOf(RawChannel.helloBytes("a", new byte[Protocol.TICKET_BYTES]), 9);
        List<RawChannel> channels = new ArrayList<>();
        int most = 0;
        try {
            for (int i = 0; i < 2000; i++) {
                RawChannel c = RawChannel.connect("127.0.0.1", port, attacker(i % 100)); // 20 from each of 100 hosts
                channels.add(c);
                try {
                    c.send(halfHello);
                } catch (IOException e) {
                    // closed by the daemon already: over a cap
                }
                if (i % 100 == 99) {
                    most = Math.max(most, threads());
                }
            }
            assertTrue(most < before + 50, "2,000 half-open channels made " + (most - before) + " threads");
            // Over the cap (256 at once) they are closed at once: soon no more than the cap are open.
            awaitOpenAtMost(channels, CAP, Duration.ofSeconds(30), "at most " + CAP + " half-open channels open");
            // The rest are cut at their deadline, 3 s after their accept.
            awaitOpenAtMost(channels, 0, REQUEST_TIMEOUT.multipliedBy(10), "every half-open channel cut at its deadline");
        } finally {
            for (RawChannel c : channels) {
                c.close();
            }
        }
        assertTrue(daemon.awaitOutput("refused a connection to its RMI registry port from 127.0.0.", 10));
        assertTrue(daemon.stdout().contains("maxUnauthenticatedConnections allows"), daemon.stdout());
        assertTrue(daemon.stdout().lines().filter(l -> l.contains("refused a connection")).count() < 50,
                "rate-limited, not a line per refusal");
        assertEquals(3, query(client, 3));
    }

    /** Waits until at most {@code n} of {@code channels} are still open; fails with how many are after {@code wait}. */
    private static void awaitOpenAtMost(List<RawChannel> channels, int n, Duration wait, String what) throws Exception {
        List<RawChannel> open = new ArrayList<>(channels);
        Await.value(what, wait, () -> {
            open.removeIf(c -> c.closedWithin(1));
            return open.size();
        }, left -> left <= n);
    }

    @Test
    @Order(6)
    void aThousandIdleJrmpConnectionsAreCutByTheCapsAndTheIdleTimeout() throws Exception {
        int before = threads();
        List<Jrmp> admitted = new ArrayList<>();
        int refused = 0;
        int most = 0;
        try {
            for (int i = 0; i < 1000; i++) {
                try {
                    admitted.add(Jrmp.open("127.0.0.1", port, attacker(i % 10))); // 100 from each of 10 hosts, 32 each allowed
                } catch (IOException e) {
                    refused++; // closed at once, before RMI's acknowledgement
                }
                if (i % 100 == 99) {
                    most = Math.max(most, threads());
                }
            }
            assertTrue(refused >= 1000 - CAP, refused + " of 1,000 refused");
            assertTrue(admitted.stream().filter(j -> !j.closedWithin(1)).count() <= CAP,
                    "more than " + CAP + " idle JRMP connections open at once");
            // RMI serves each admitted connection on a thread of its own: the caps bound them.
            assertTrue(most < before + CAP + 50, "1,000 idle JRMP connections made " + (most - before) + " threads");
            for (Jrmp j : admitted) {
                assertTrue(j.closedByPeer(), "an idle JRMP connection outlived RMI's idle timeout");
            }
        } finally {
            for (Jrmp j : admitted) {
                j.close();
            }
        }
        assertEquals(4, query(client, 4));
    }

    @Test
    @Order(4)
    void aHelloDrippedByteByByteIsCutAtItsDeadline() throws Exception {
        byte[] hello = RawChannel.helloBytes("a", login());
        try (RawChannel c = RawChannel.connect("127.0.0.1", port)) {
            int sent = 0;
            try {
                for (; sent < hello.length; sent++) {
                    c.send(new byte[] {hello[sent]});
                    Thread.sleep(500); // real time: the daemon's 3 s deadline must pass mid-hello (all of it would take 20 s)
                }
            } catch (IOException e) {
                // the daemon cut the connection
            }
            assertTrue(sent < hello.length || c.closedByPeer(), "the dripped hello was let through");
            assertTrue(c.closedByPeer());
        }
        assertTrue(daemon.awaitOutput("RMI registry port from 127.0.0.1: the opening of a connection (TLS handshake,"
                + " call channel hello) not complete within 3000 ms", 10), daemon.stdout());
    }

    // ---------------------------------------------------------------- item 10: tickets and channels

    @Test
    @Order(7)
    void aTicketOpensAtMostItsChannelsAndNoCallLargerThanItsBudgetIsRead() throws Exception {
        byte[] ticket = login();
        List<RawChannel> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawChannel c = RawChannel.connect("127.0.0.1", port);
                open.add(c);
                assertNull(c.hello("a", ticket).error());
            }
            try (RawChannel fifth = RawChannel.connect("127.0.0.1", port)) {
                LoginReply refused = fifth.hello("a", ticket);
                assertEquals("53300", refused.error().sqlState(), refused.error().message());
            }
            // A call larger than the ticket's whole budget (1 MiB) is never read: the channel is closed unread.
            open.get(0).send(new byte[] {0, 0x20, 0, 0}); // 2 MiB announced
            assertTrue(open.get(0).closedByPeer());
            assertTrue(daemon.awaitOutput("exceeds the 1048576 bytes one login may have in flight"
                    + " (maxCallBytesPerTicket)", 10), daemon.stdout());
            // A call that fits is read and answered.
            byte[] fits = Wire.encode(new Call(0, 1, Borrow.DEFAULT, true, List.of(new Op.Execute(
                    Op.StatementKind.PREPARED, Op.Mode.QUERY, "select cast(? as varchar)",
                    new Object[] {"x".repeat(600 << 10)}, 0, 0, 0, null))));
            assertNull(Wire.decodeReply(open.get(1).call(fits)).error());
        } finally {
            for (RawChannel c : open) {
                c.close();
            }
        }
    }

    @Test
    @Order(8)
    void aChannelIsClosedAtOnceWhenAReloadRemovesItsUser() throws Exception {
        Path dir = Files.createDirectories(work.resolve("reload"));
        int ownPort = FreePorts.loopback();
        int ownJmx = FreePorts.loopback();
        Path config = config(dir, ownPort, ownJmx, "app");
        PooldProcess own = startDaemon(dir, config, "");
        assertTrue(own.stdout().contains("ms per request, 30000 ms idle between RMI requests"),
                "RMI's idle timeout is 30 s unless the operator says otherwise: " + own.stdout());
        try {
            byte[] ticket = RawChannel.login(ownPort, "a", "app", password);
            try (RawChannel channel = RawChannel.connect("127.0.0.1", ownPort)) {
                assertNull(channel.hello("a", ticket).error());
                config(dir, ownPort, ownJmx, "someone-else"); // app removed
                own.signal("HUP");
                assertTrue(own.awaitOutput("reloaded: no pool changed", 30), own.stdout());
                assertTrue(channel.closedByPeer(), "the removed user's channel stays open");
            }
            try (RawChannel late = RawChannel.connect("127.0.0.1", ownPort)) {
                assertEquals(Protocol.STATE_AUTH, late.hello("a", ticket).error().sqlState());
            }
        } finally {
            own.signal("TERM");
            own.awaitExit();
        }
    }

    // ---------------------------------------------------------------- the registries' names

    @Test
    @Order(9)
    void aLocalPeerCannotUnbindOrReplaceThePoolsOrTheJmxConnectorInEitherRegistry() throws Exception {
        // The JDK's registry lets every caller on its host bind, rebind and unbind: any local
        // account could take the pools and the JMX connector away from every client.
        java.rmi.registry.Registry pools = LocateRegistry.getRegistry("127.0.0.1", port);
        java.rmi.registry.Registry jmx = LocateRegistry.getRegistry("127.0.0.1", jmxPort);
        java.rmi.Remote poolStub = pools.lookup("pools/a");
        java.rmi.Remote jmxStub = jmx.lookup("jmxrmi");
        try (RealClient real = new RealClient()) {
            assertThrows(RemoteException.class, () -> pools.unbind("pools/a"));
            assertThrows(RemoteException.class, () -> pools.rebind("pools/a", jmxStub));
            assertThrows(RemoteException.class, () -> pools.bind("pools/b", poolStub));
            assertThrows(RemoteException.class, () -> jmx.unbind("jmxrmi"));
            assertThrows(RemoteException.class, () -> jmx.rebind("jmxrmi", poolStub));
            // The same by method hash, as a dynamic stub would call it.
            java.lang.reflect.Method unbind = java.rmi.registry.Registry.class.getMethod("unbind", String.class);
            long hash = RmiSmuggler.methodHash("unbind(Ljava/lang/String;)V");
            assertThrows(RemoteException.class, () -> ((java.rmi.server.RemoteObject) pools).getRef()
                    .invoke(pools, unbind, new Object[] {"pools/a"}, hash));
            assertEquals(List.of("pools/a"), List.of(pools.list()));
            assertEquals(List.of("jmxrmi"), List.of(jmx.list()));
            assertTrue(daemon.awaitOutput("a call to the RMI registry other than lookup and list", 10), daemon.stdout());
        }
        try (RemoteDataSource fresh = RemoteDataSource.builder("rmi://127.0.0.1:" + port + "/pools/a").user("app")
                .password(password).build()) {
            assertEquals(7, query(fresh, 7), "a client looking the pool up now finds it");
        }
    }

    @Test
    @Order(10)
    void whatTheDaemonThrowsReachesAPeerWithoutTheDaemonsStackTrace() throws Exception {
        Exception notBound = assertThrows(java.rmi.NotBoundException.class,
                () -> LocateRegistry.getRegistry("127.0.0.1", port).lookup("pools/none"));
        assertNoDaemonFrames(notBound);
        Exception jmxLogin = assertThrows(SecurityException.class, () -> javax.management.remote.JMXConnectorFactory
                .connect(new javax.management.remote.JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort
                        + "/jmxrmi"), Map.of(javax.management.remote.JMXConnector.CREDENTIALS,
                        new String[] {"nobody", "wrong"})));
        assertNoDaemonFrames(jmxLogin);
        RemotePool stub = (RemotePool) LocateRegistry.getRegistry("127.0.0.1", port).lookup("pools/a");
        Exception rejected = assertThrows(RemoteException.class, () -> RmiSmuggler.login(stub, new java.util.HashMap<>()));
        assertNoDaemonFrames(rejected);
    }

    /** Classes only the serving side of an RMI call runs. */
    private static final java.util.Set<String> SERVER_CLASSES = java.util.Set.of("sun.rmi.registry.RegistryImpl",
            "sun.rmi.registry.RegistryImpl_Skel", "sun.rmi.server.UnicastServerRef", "sun.rmi.transport.Transport",
            "sun.rmi.transport.tcp.TCPTransport", "sun.rmi.transport.tcp.TCPTransport$ConnectionHandler",
            "javax.management.remote.rmi.RMIServerImpl", "javax.management.remote.rmi.RMIJRMPServerImpl");

    /** RMI appends the client's own frames to what the daemon sent: none of the daemon's may be among them. */
    private static void assertNoDaemonFrames(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (StackTraceElement e : t.getStackTrace()) {
                String c = e.getClassName();
                boolean servers = SERVER_CLASSES.contains(c) || c.startsWith("pool.jmx.") || c.startsWith("pool.remote.");
                assertFalse(servers, "the daemon's frame " + e + " reached the peer in " + t);
            }
        }
    }

    @Test
    @Order(11)
    void aHelloWithAForgedOrAnotherPoolsTicketIsRefusedAndLogged() throws Exception {
        byte[] forged = new byte[32];
        new java.security.SecureRandom().nextBytes(forged);
        try (RawChannel channel = RawChannel.connect("127.0.0.1", port)) {
            assertEquals(Protocol.STATE_AUTH, channel.hello("a", forged).error().sqlState());
            assertTrue(channel.closedByPeer());
        }
        try (RawChannel channel = RawChannel.connect("127.0.0.1", port)) {
            assertEquals(Protocol.STATE_AUTH, channel.hello("no-such-pool", login()).error().sqlState(),
                    "a live ticket opens no channel to another pool");
        }
        assertTrue(daemon.awaitOutput("poold refused a call channel from 127.0.0.1:", 10), daemon.stdout());
    }
}
