package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import pool.protocol.LoginReply;
import pool.remote.PasswordHash;
import pool.testsupport.rmi.RawChannel;

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
    private final List<RawChannel> attack = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path work = Files.createTempDirectory("poold-channels-");
        port = FreePorts.loopback();
        String hash = PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        Path config = DaemonFiles.config(work, port, FreePorts.loopback(), "2s", """
                  <clients><user name="app" hash="HASH"/><user name="other" hash="HASH"/></clients>
                  <pool name="a" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl><maxSize>8</maxSize>
                  </pool>
                """.replace("HASH", hash));
        daemon = PooldProcess.startReady(work,
                Map.of("POOLD_JAVA_OPTS", "-Dpoold.remote.maxChannelsPerUser=" + USER_CHANNELS), config);
    }

    @AfterEach
    void stop() throws Exception {
        for (RawChannel c : attack) {
            c.close();
        }
        if (daemon != null) {
            daemon.stopAfterAttack();
        }
    }

    private byte[] login(String user) throws Exception {
        return RawChannel.login(port, "a", user, password);
    }

    /** Opens a call channel with {@code ticket}, kept open until the test ends. */
    private LoginReply channel(byte[] ticket) throws IOException {
        RawChannel c = RawChannel.connect("127.0.0.1", port);
        attack.add(c);
        return c.hello("a", ticket);
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

        // Once the attack's channels close, the user's share is free again.
        for (RawChannel c : attack) {
            c.close();
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
