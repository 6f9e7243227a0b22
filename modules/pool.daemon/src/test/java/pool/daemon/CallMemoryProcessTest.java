package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.Op;
import pool.protocol.Reply;
import pool.protocol.SqlNull;
import pool.protocol.Wire;
import pool.remote.PasswordHash;
import pool.testsupport.rmi.RawChannel;

/**
 * A logged-in client user with the default limits of a ticket (256 channels, 64 MiB of call
 * bytes) cannot run the packaged daemon (the launcher's default heap, 256 MiB, and
 * {@code ExitOnOutOfMemoryError}) out of memory, which would stop every pool: not with calls
 * each far below the counted size whose values decode to many times it, held on many
 * channels of several logins, nor with replies of large rows it never reads. Both killed the
 * daemon before the daemon-wide call memory ({@code CallMemory}); and while one user's calls
 * hold all that user's share of it, another user's calls are served.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CallMemoryProcessTest {

    private final String password = java.util.UUID.randomUUID().toString();
    private Path work;
    private int port;
    private PooldProcess daemon;
    private final List<RawChannel> attack = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        work = Files.createTempDirectory("poold-callmemory-");
        port = FreePorts.loopback();
        String hash = PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <rmiRegistryPort>REGISTRY_PORT</rmiRegistryPort>
                    <jmxPort>JMX_PORT</jmxPort>
                    <drainTimeout>2s</drainTimeout>
                    <remoteLease>5m</remoteLease><!-- the raw channels below renew nothing -->
                  </daemon>
                  <clients><user name="app" hash="%1$s"/><user name="other" hash="%1$s"/><user name="owner" hash="%1$s"/></clients>
                  <pool name="a" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl><maxSize>8</maxSize><borrowTimeout>30s</borrowTimeout>
                  </pool>
                  <pool name="b" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:b</jdbcUrl><maxSize>2</maxSize><borrowTimeout>30s</borrowTimeout>
                  </pool>
                </poold>
                """.formatted(hash).replace("REGISTRY_PORT", Integer.toString(port))
                .replace("JMX_PORT", Integer.toString(FreePorts.loopback())));
        // The launcher's default heap (-Xmx256m) stays; only the channel I/O deadline is shortened.
        daemon = PooldProcess.startReady(work, Map.of("POOLD_JAVA_OPTS", "-Dpoold.remote.channelIoTimeout=3000"),
                config);
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

    private byte[] login() throws Exception {
        return login("app");
    }

    private byte[] login(String user) throws Exception {
        return RawChannel.login(port, "a", user, password);
    }

    /** A call channel open with {@code ticket} that reads only when told to, with a small receive buffer. */
    private RawChannel channel(byte[] ticket) throws IOException {
        RawChannel c = RawChannel.connectSlowReader("127.0.0.1", port);
        attack.add(c);
        assertNull(c.hello("a", ticket).error());
        return c;
    }

    private static void send(RawChannel c, long session, Op... ops) throws IOException {
        c.sendFrame(Wire.encode(new Call(session, 1, Borrow.DEFAULT, false, List.of(ops))));
    }

    private static Reply call(RawChannel c, long session, Op... ops) throws IOException {
        return Wire.decodeReply(c.call(Wire.encode(new Call(session, 1, Borrow.DEFAULT, false, List.of(ops)))));
    }

    private static Op sql(String sql) {
        return new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.UPDATE, sql, null, 0, 0, 0, null);
    }

    private int realQuery(int value) throws SQLException {
        return realQuery("app", value);
    }

    private int realQuery(String user, int value) throws SQLException {
        return realQuery("a", user, value);
    }

    private int realQuery(String pool, String user, int value) throws SQLException {
        return RemoteClients.echo(port, pool, user, password, value);
    }

    @Test
    void smallCallsOfManyNullsHeldOnManyChannelsOfSeveralLoginsAreRefusedBeforeTheHeapRunsOut() throws Exception {
        RawChannel locker = channel(login("owner"));
        long lockHolder = call(locker, 0, new Op.Set(Op.Property.AUTO_COMMIT, false), sql("create table t(id int primary key, x int)"),
                sql("insert into t values (0, 0), (1, 0), (2, 0)"), new Op.Commit(), sql("update t set x = 1")).session();
        // 30,000 nulls: 60 KB of frame, below the 64 KiB a ticket's budget counts, some 600 KB decoded.
        Object[] nulls = new Object[30_000];
        java.util.Arrays.fill(nulls, new SqlNull(java.sql.Types.INTEGER));
        List<RawChannel> waitingForTheLock = new ArrayList<>();
        List<byte[]> tickets = new ArrayList<>();
        List<byte[]> calls = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            byte[] ticket = login();
            RawChannel first = channel(ticket);
            long session = call(first, 0, new Op.Set(Op.Property.AUTO_COMMIT, false), sql("set lock_timeout 60000"))
                    .session();
            // Its own row: once the lock holder rolls back, no attack's transaction waits for another's.
            send(first, session, sql("update t set x = 2 where id = " + t));
            waitingForTheLock.add(first);
            tickets.add(ticket);
            calls.add(Wire.encode(new Call(session, 1, Borrow.DEFAULT, false, List.of(new Op.Execute(
                    Op.StatementKind.PREPARED, Op.Mode.QUERY, "select 1", nulls, 0, 0, 0, null)))));
        }
        for (int t = 0; t < 3; t++) {
            for (int c = 0; c < 40; c++) { // with the first, 123 of the 128 channels user app may open
                channel(tickets.get(t)).sendFrame(calls.get(t)); // each decoded, then waiting for the session the lock holds
            }
        }
        assertTrue(daemon.awaitOutput("poold holds back the calls of user app", 60), daemon.stdout());
        try {
            // While the attack's calls hold all the memory user app may have, and wait for the lock, a call of
            // another user is served: the attack's share leaves the rest of the call memory to everyone else.
            assertEquals(7, realQuery("other", 7));
            for (RawChannel first : waitingForTheLock) {
                assertEquals(0, first.available(), "the attack's calls still wait for the lock");
            }
        } finally {
            call(locker, lockHolder, new Op.Rollback(0));
        }
        assertTrue(daemon.isAlive());
        // Once the attack's calls have run (each ends at the lock it waited for), their memory is free again.
        until("a client of user app served after the attack's calls ran", Duration.ofSeconds(60), () -> {
            try {
                return realQuery(8) == 8;
            } catch (java.sql.SQLTransientConnectionException stillFull) {
                return false;
            }
        });
    }

    @Test
    void repliesOfLargeRowsAClientNeverReadsAreCutAtTheirDeadlineAndTheDaemonServesOthers() throws Exception {
        Op large = new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.QUERY,
                "select repeat('x', 1300000) from system_range(1, 3)", null, 0, 0, 0, null);
        byte[] call = Wire.encode(new Call(0, 1, Borrow.DEFAULT, true, List.of(large)));
        for (int t = 0; t < 3; t++) {
            byte[] ticket = login();
            for (int c = 0; c < 40; c++) { // 120 of the 128 channels user app may open
                RawChannel never = channel(ticket);
                for (int i = 0; i < 3; i++) {
                    never.sendFrame(call);
                }
            }
        }
        assertTrue(daemon.awaitOutput("was not sent or its reply not read within 3000 ms", 60), daemon.stdout());
        assertTrue(daemon.isAlive());
        // Another user is served, on another pool: the attack's calls hold pool a's connections with cursors
        // it never reads until their leases end, which a client user may do to its pool's connections anyway.
        assertEquals(9, realQuery("b", "other", 9), "a real client is served");
    }
}
