package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.protocol.CallChannel;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Wire;
import pool.remote.PasswordHash;

/**
 * Call channels are bounded over every login: one client user logging in again and again,
 * each login opening as many channels as its ticket allows (three logins made 641 threads
 * in the packaged daemon), gets at most its share of the daemon's channels (set to half of
 * them here; by default a user may open them all); the daemon's
 * threads grow by no more than that share, and another user still opens channels and is served.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ChannelLimitsProcessTest {

    /** The default bound for one pool of maxSize 8: 4 per connection is 32, raised to the least default, 256. */
    private static final int DAEMON_CHANNELS = 256;
    private static final int USER_CHANNELS = DAEMON_CHANNELS / 2;

    private final String password = java.util.UUID.randomUUID().toString();
    private int port;
    private PooldProcess daemon;
    private final List<Socket> attack = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path work = Files.createTempDirectory("poold-channels-");
        port = FreePorts.loopback();
        String hash = PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <rmiRegistryPort>REGISTRY_PORT</rmiRegistryPort>
                    <jmxPort>JMX_PORT</jmxPort>
                    <drainTimeout>2s</drainTimeout>
                  </daemon>
                  <clients><user name="app" hash="HASH"/><user name="other" hash="HASH"/></clients>
                  <pool name="a" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl><maxSize>8</maxSize>
                  </pool>
                </poold>
                """.replace("REGISTRY_PORT", Integer.toString(port))
                .replace("JMX_PORT", Integer.toString(FreePorts.loopback())).replace("HASH", hash));
        daemon = PooldProcess.startReady(work,
                Map.of("POOLD_JAVA_OPTS", "-Dpoold.remote.maxChannelsPerUser=" + USER_CHANNELS), config);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : attack) {
            s.close();
        }
        if (daemon != null) {
            boolean alive = daemon.isAlive();
            daemon.signal("TERM");
            daemon.awaitExit();
            assertTrue(alive, "the daemon died: " + daemon.stdout() + daemon.stderr());
        }
    }

    private byte[] login(String user) throws Exception {
        RemotePool stub = (RemotePool) LocateRegistry.getRegistry("127.0.0.1", port).lookup("pools/a");
        LoginReply reply = Wire.decodeLoginReply(stub.login(Wire.encode(new LoginRequest(Protocol.VERSION, user,
                password.toCharArray(), null))));
        assertNull(reply.error());
        return reply.ticket();
    }

    /** Opens a call channel with {@code ticket}, kept open until the test ends. */
    private LoginReply channel(byte[] ticket) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        attack.add(socket);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        CallChannel.writeHello(out, "a", ticket);
        out.flush();
        return Wire.decodeLoginReply(CallChannel.readFrame(new DataInputStream(
                new BufferedInputStream(socket.getInputStream())), 1 << 16));
    }

    /** @return the daemon's threads now, as the kernel counts them */
    private int tasks() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + daemon.pid() + "/task"))) {
            return (int) tasks.count();
        }
    }

    private int query(String user, int value) throws SQLException {
        return RemoteClients.echo(port, "a", user, password, value);
    }

    @Test
    void oneUserLoggingInAgainAndAgainGetsItsShareOfChannelsAndThreadsAndAnotherUserIsStillServed() throws Exception {
        assertEquals(1, query("other", 1)); // the daemon's threads for a served client exist before the count
        int before = tasks();
        int opened = 0;
        LoginReply refused = null;
        for (int t = 0; t < 3 && refused == null; t++) {
            byte[] ticket = login("app");
            for (int c = 0; c < 256; c++) { // every channel the ticket allows (maxChannelsPerTicket)
                LoginReply reply = channel(ticket);
                if (reply.error() != null) {
                    refused = reply;
                    break;
                }
                opened++;
            }
        }
        assertEquals(USER_CHANNELS, opened, "the user's share of the daemon's channels");
        assertEquals("53300", refused.error().sqlState(), refused.error().message());
        assertTrue(refused.error().message().contains("user 'app' has " + USER_CHANNELS + " call channels open to"
                + " poold, the most one user may (-Dpoold.remote.maxChannelsPerUser)"), refused.error().message());
        int after = tasks();
        // A platform thread per channel, and nothing else per channel: a few threads more may start meanwhile.
        assertTrue(after - before <= USER_CHANNELS + 16, before + " threads before, " + after + " after");
        assertTrue(daemon.awaitOutput("poold refused a call channel from", 10), daemon.stdout());

        // The same user through the client library: a clear, transient refusal naming the limit.
        SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class, () -> query("app", 2));
        assertEquals("53300", e.getSQLState(), e.toString());
        assertTrue(e.getMessage().contains("-Dpoold.remote.maxChannelsPerUser"), e.getMessage());
        // Another user still opens channels and is served.
        assertEquals(3, query("other", 3));
        assertFalse(daemon.stdout().contains("OutOfMemoryError"), daemon.stdout());

        // Once the attack's channels close, the user's share is free again.
        for (Socket s : attack) {
            s.close();
        }
        pool.testsupport.await.Await.until("user app served again", Duration.ofSeconds(30), () -> {
            try {
                return query("app", 4) == 4;
            } catch (SQLTransientConnectionException stillFull) {
                return false;
            }
        });
    }
}
