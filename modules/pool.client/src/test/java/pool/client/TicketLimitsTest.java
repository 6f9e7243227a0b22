package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.LoginReply;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.Reply;
import pool.protocol.Wire;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.TicketLimits;
import pool.remote.Users;
import pool.testsupport.await.Await;
import pool.testsupport.rmi.RawChannel;

/**
 * What one login ticket may hold and for how long (item 10 of the security review): its
 * channels are closed when it stops being valid, it has at most so many channels and so
 * many call bytes in the daemon at once, and it lives no longer than its lifetime, which a
 * client outlives by logging in again by itself.
 */
@Timeout(120)
class TicketLimitsTest {

    private static final Users APP = Users.of(Map.of("app", PasswordHash.create("secret".toCharArray(), 1000)));

    private final H2Pool pool = new H2Pool("limits");
    private final LocalDaemon daemon = new LocalDaemon();
    private RemoteServer server;

    private RemoteServer start(TicketLimits limits) throws Exception {
        server = daemon.start(RemoteServerConfig.defaults().withTickets(limits));
        server.publish(pool, APP);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    private RemoteDataSource dataSource() {
        return daemon.dataSource("limits", "app", "secret");
    }

    private byte[] login() throws Exception {
        return RawChannel.login(server.port(), "limits", "app", "secret");
    }

    private RawChannel channel(byte[] ticket) throws Exception {
        RawChannel c = daemon.closedAtEnd(RawChannel.connect("127.0.0.1", server.port()));
        LoginReply hello = c.hello("limits", ticket);
        assertNull(hello.error(), () -> hello.error().message());
        return c;
    }

    private static byte[] select(String value) {
        return Wire.encode(new Call(0, 1, Borrow.DEFAULT, true, List.of(new Op.Execute(Op.StatementKind.PREPARED,
                Op.Mode.QUERY, "select cast(? as varchar)", new Object[] {value}, 0, 0, 0, null))));
    }

    @Test
    void aChannelIsClosedAtOnceWhenAReloadRemovesItsUser() throws Exception {
        start(TicketLimits.DEFAULT);
        RawChannel channel = channel(login());
        assertNull(Wire.decodeReply(channel.call(select("before"))).error());

        server.publish(pool, Users.of(Map.of("other", PasswordHash.create("x".toCharArray(), 1000))));

        assertTrue(channel.closedByPeer(), "the daemon closed the channel of the removed user");
    }

    @Test
    void aChannelIsClosedAtOnceWhenAReloadGivesItsUserAnotherPassword() throws Exception {
        start(TicketLimits.DEFAULT);
        RawChannel channel = channel(login());
        server.publish(pool, Users.of(Map.of("app", PasswordHash.create("new-secret".toCharArray(), 1000))));
        assertTrue(channel.closedByPeer());
    }

    @Test
    void aTicketOpensAtMostItsChannelsAndTheClientWaitsForOneInstead() throws Exception {
        start(new TicketLimits(Duration.ofHours(1), Duration.ofHours(8), 2, 1 << 20));
        byte[] ticket = login();
        channel(ticket);
        channel(ticket);
        RawChannel third = daemon.closedAtEnd(RawChannel.connect("127.0.0.1", server.port()));
        LoginReply refused = third.hello("limits", ticket);
        assertEquals("53300", refused.error().sqlState(), refused.error().message());
        assertTrue(refused.error().message().contains("maxChannelsPerTicket"), refused.error().message());

        // Eight threads on a client whose ticket may have two channels: they take turns, none fails.
        RemoteDataSource ds = dataSource();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            calls.add(CompletableFuture.supplyAsync(() -> {
                try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                        "select count(*) + ? from system_range(1, 200000)")) {
                    ps.setInt(1, n);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(200_000 + i, calls.get(i).get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTicketsCallBytesInTheDaemonAreCappedAndALargerCallIsRefusedBeforeItIsSent() throws Exception {
        start(new TicketLimits(Duration.ofHours(1), Duration.ofHours(8), 8, 1 << 20));
        try (Connection c = pool.direct(); Statement s = c.createStatement()) {
            s.execute("create alias if not exists hold for 'pool.client.Holds.hold'");
        }
        Holds.reset();
        byte[] ticket = login();
        // Two calls of 600 KiB each, on two channels of one ticket whose budget is 1 MiB.
        byte[] big = Wire.encode(new Call(0, 1, Borrow.DEFAULT, true, List.of(new Op.Execute(Op.StatementKind.PREPARED,
                Op.Mode.QUERY, "select hold(?)", new Object[] {"x".repeat(600 << 10)}, 0, 0, 0, null))));
        RawChannel first = channel(ticket);
        RawChannel second = channel(ticket);
        first.sendFrame(big);
        second.sendFrame(big);
        Await.until("one of the two calls running", Duration.ofSeconds(30), () -> Holds.INSIDE.get() > 0);
        assertEquals(1, Holds.INSIDE.get(), "one of the two calls runs");
        Thread.sleep(500); // stays: the second call must be seen not to start, and a non-event cannot be awaited
        assertEquals(1, Holds.INSIDE.get(), "the other waits: 1.2 MiB would be in the daemon at once");
        Holds.release.countDown();
        assertNull(Wire.decodeReply(first.awaitFrame(30_000)).error());
        assertNull(Wire.decodeReply(second.awaitFrame(30_000)).error(), "answered once the first was");
        assertEquals(2, Holds.INSIDE.get());

        // A frame larger than the whole budget can never be read: the channel is closed unread.
        RawChannel greedy = channel(ticket);
        greedy.send(new byte[] {0, 0x20, 0, 0}); // 2 MiB
        assertTrue(greedy.closedByPeer());

        // The client knows the limit from its login and does not send such a call at all.
        RemoteDataSource ds = dataSource();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select cast(? as varchar)")) {
            ps.setString(1, "y".repeat(2 << 20));
            SQLException e = assertThrows(SQLException.class, ps::executeQuery);
            assertEquals("54000", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("maxCallBytesPerTicket"), e.getMessage());
            assertTrue(c.isValid(5), "nothing was sent: the connection serves on");
        }
    }

    @Test
    void aConnectionHeldAcrossSeveralTicketLifetimesServesOnAndTheClientLogsInAgainByItself() throws Exception {
        start(new TicketLimits(Duration.ofHours(1), Duration.ofSeconds(2), 256, 1 << 20));
        try (Connection c = pool.direct(); Statement s = c.createStatement()) {
            s.execute("create table held(id int primary key)");
        }
        RemoteDataSource ds = dataSource();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into held values (1)");
                // Inserting on one session in one transaction until the client logged in again four
                // times, each a quarter lifetime before the end: three lifetimes at least.
                int[] id = {2};
                Await.until("four logins succeeding the first", Duration.ofSeconds(60), () -> {
                    s.executeUpdate("insert into held values (" + id[0]++ + ")");
                    try (ResultSet rs = s.executeQuery("select count(*) from held")) {
                        rs.next();
                        assertEquals(id[0] - 1, rs.getInt(1), "the transaction's own rows, on the same session");
                    }
                    return ds.stats().logins() >= 5;
                });
            }
            c.commit();
        }
        try (Connection c = pool.direct(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from held")) {
            rs.next();
            assertTrue(rs.getInt(1) > 30, "every insert committed at the end");
        }
    }

    @Test
    void renewalsOfMoreSessionsThanOneRmiRequestMayCarryGoInChunks() throws Exception {
        // A lease of a few seconds: renewals come a third of a lease apart, and on a loaded
        // machine a round of a thousand ids can be late by a second.
        server = daemon.start(RemoteServerConfig.defaults().withLease(Duration.ofSeconds(4)));
        server.publish(pool, APP);
        RemoteDataSource ds = dataSource();
        int n = Protocol.MAX_RMI_REQUEST_BYTES / 8 + 100; // more ids than one request could carry
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Connection c = ds.getConnection();
                held.add(c);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                    rs.next(); // the session is held from now on, in its transaction
                }
            }
            // Four leases without a call, only renewals keeping the sessions: twelve rounds of
            // renewals a third of a lease apart, each round in as many chunks as the ids need.
            long chunks = (n + Protocol.MAX_RENEW_SESSIONS - 1) / Protocol.MAX_RENEW_SESSIONS;
            long renewed = ds.stats().renewals();
            Await.value("twelve rounds of renewals", Duration.ofSeconds(60), () -> ds.stats().renewals(),
                    r -> r >= renewed + 12 * chunks);
            assertEquals(n, server.openSessions("limits"), "every session was renewed");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void aTicketIsRefusedOnceItsLifetimeIsOverHoweverMuchItWasUsed() throws Exception {
        start(new TicketLimits(Duration.ofHours(1), Duration.ofSeconds(2), 256, 1 << 20));
        byte[] ticket = login();
        RawChannel channel = channel(ticket);
        Reply[] last = {null};
        boolean[] gone = {false};
        Await.until("a call refused or the channel closed", Duration.ofSeconds(30), () -> {
            try {
                byte[] answer = channel.call(select("again"));
                gone[0] = answer == null;
                last[0] = gone[0] ? last[0] : Wire.decodeReply(answer);
            } catch (java.io.IOException e) {
                gone[0] = true; // the daemon closed the channel under the call
            }
            return gone[0] || last[0].error() != null;
        });
        Reply reply = last[0];
        boolean closed = gone[0];
        // Between the lifetime's end and the reaper's next look a call is refused; then the channel is closed.
        if (!closed) {
            assertEquals(Protocol.STATE_AUTH, reply.error().sqlState(), reply.error().message());
            assertTrue(channel.closedByPeer(), "the reaper closes the channel of the ended ticket");
        }
        RawChannel late = daemon.closedAtEnd(RawChannel.connect("127.0.0.1", server.port()));
        assertEquals(Protocol.STATE_AUTH, late.hello("limits", ticket).error().sqlState());
    }
}
