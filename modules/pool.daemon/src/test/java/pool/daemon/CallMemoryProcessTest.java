package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

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
import pool.protocol.CallChannel;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Reply;
import pool.protocol.SqlNull;
import pool.protocol.Wire;
import pool.remote.PasswordHash;

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
    private final List<Socket> attack = new ArrayList<>();

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
        for (Socket s : attack) {
            s.close();
        }
        if (daemon != null) {
            boolean alive = daemon.isAlive();
            daemon.signal("TERM");
            daemon.awaitExit();
            assertTrue(alive, "the daemon died: " + daemon.stdout() + daemon.stderr());
            assertFalse(daemon.stdout().contains("OutOfMemoryError") || daemon.stderr().contains("OutOfMemoryError"),
                    daemon.stderr());
        }
    }

    private byte[] login() throws Exception {
        return login("app");
    }

    private byte[] login(String user) throws Exception {
        RemotePool stub = (RemotePool) LocateRegistry.getRegistry("127.0.0.1", port).lookup("pools/a");
        LoginReply reply = Wire.decodeLoginReply(stub.login(Wire.encode(new LoginRequest(Protocol.VERSION, user,
                password.toCharArray(), null))));
        assertNull(reply.error());
        return reply.ticket();
    }

    /** A call channel that reads only when told to, with a small receive buffer. */
    private final class Channel {
        final Socket socket = new Socket();
        final DataOutputStream out;
        final DataInputStream in;

        Channel(byte[] ticket) throws IOException {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            attack.add(socket);
            out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            CallChannel.writeHello(out, "a", ticket);
            out.flush();
            assertNull(Wire.decodeLoginReply(CallChannel.readFrame(in, 1 << 16)).error());
        }

        void send(byte[] frame) throws IOException {
            CallChannel.writeFrame(out, frame);
            out.flush();
        }

        Reply call(long session, Op... ops) throws IOException {
            send(Wire.encode(new Call(session, 1, Borrow.DEFAULT, false, List.of(ops))));
            return Wire.decodeReply(CallChannel.readFrame(in, Wire.MAX_FRAME));
        }
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
        Channel locker = new Channel(login("owner"));
        long lockHolder = locker.call(0, new Op.Set(Op.Property.AUTO_COMMIT, false), sql("create table t(id int primary key, x int)"),
                sql("insert into t values (0, 0), (1, 0), (2, 0)"), new Op.Commit(), sql("update t set x = 1")).session();
        // 30,000 nulls: 60 KB of frame, below the 64 KiB a ticket's budget counts, some 600 KB decoded.
        Object[] nulls = new Object[30_000];
        java.util.Arrays.fill(nulls, new SqlNull(java.sql.Types.INTEGER));
        List<Channel> waitingForTheLock = new ArrayList<>();
        List<byte[]> tickets = new ArrayList<>();
        List<byte[]> calls = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            byte[] ticket = login();
            Channel first = new Channel(ticket);
            long session = first.call(0, new Op.Set(Op.Property.AUTO_COMMIT, false), sql("set lock_timeout 60000"))
                    .session();
            // Its own row: once the lock holder rolls back, no attack's transaction waits for another's.
            first.send(Wire.encode(new Call(session, 1, Borrow.DEFAULT, false, List.of(sql("update t set x = 2 where id = "
                    + t)))));
            waitingForTheLock.add(first);
            tickets.add(ticket);
            calls.add(Wire.encode(new Call(session, 1, Borrow.DEFAULT, false, List.of(new Op.Execute(
                    Op.StatementKind.PREPARED, Op.Mode.QUERY, "select 1", nulls, 0, 0, 0, null)))));
        }
        for (int t = 0; t < 3; t++) {
            for (int c = 0; c < 40; c++) { // with the first, 123 of the 128 channels user app may open
                new Channel(tickets.get(t)).send(calls.get(t)); // each decoded, then waiting for the session the lock holds
            }
        }
        assertTrue(daemon.awaitOutput("poold holds back the calls of user app", 60), daemon.stdout());
        try {
            // While the attack's calls hold all the memory user app may have, and wait for the lock, a call of
            // another user is served: the attack's share leaves the rest of the call memory to everyone else.
            assertEquals(7, realQuery("other", 7));
            for (Channel first : waitingForTheLock) {
                assertEquals(0, first.in.available(), "the attack's calls still wait for the lock");
            }
        } finally {
            locker.call(lockHolder, new Op.Rollback(0));
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
                Channel never = new Channel(ticket);
                for (int i = 0; i < 3; i++) {
                    never.send(call);
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
