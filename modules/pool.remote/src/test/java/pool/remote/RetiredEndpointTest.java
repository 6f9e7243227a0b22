package pool.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.engine.Pools;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.CallChannel;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Reply;
import pool.protocol.SqlError;
import pool.protocol.Wire;
import pool.testsupport.await.Await;

/**
 * An endpoint a reload replaced or removed drains, spoken to in the wire protocol itself:
 * its sessions' calls still reach it (over channels open before and opened after, routed by
 * their ticket), its logins only succeed a live ticket, its borrows are refused as retired,
 * the engine pool behind it waits for its connections, and it ends when they are returned.
 */
class RetiredEndpointTest {

    private static final Users USERS = Users.of(Map.of("app", PasswordHash.create("pw".toCharArray(), 1000)));
    private static final Duration LONG = Duration.ofMinutes(5);

    private final String url = "jdbc:h2:mem:retired_" + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1";
    private Connection keeper;
    private ConnectionPool old;
    private ConnectionPool next;
    private RemoteServer server;

    @BeforeEach
    void start() throws Exception {
        keeper = DriverManager.getConnection(url, "sa", "");
        try (Statement s = keeper.createStatement()) {
            s.execute("create table t(x int)");
        }
        old = pool();
        next = pool();
        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0));
        server.publish(old, USERS);
    }

    private ConnectionPool pool() throws SQLException {
        return Pools.create(PoolConfig.builder("orders").jdbcUrl(url).user("sa").maxSize(2)
                .borrowTimeout(Duration.ofSeconds(5)).build());
    }

    @AfterEach
    void stop() throws SQLException {
        server.close();
        old.close();
        next.close();
        try (Statement s = keeper.createStatement()) {
            s.execute("shutdown");
        }
        keeper.close();
    }

    private RemotePool lookup() throws Exception {
        return (RemotePool) LocateRegistry.getRegistry("127.0.0.1", server.port()).lookup("pools/orders");
    }

    private static LoginReply login(RemotePool stub, byte[] previous) throws Exception {
        return Wire.decodeLoginReply(stub.login(Wire.encode(
                new LoginRequest(Protocol.VERSION, "app", "pw".toCharArray(), null, previous))));
    }

    /** One call channel, as pool.client opens it. */
    private final class Channel implements AutoCloseable {
        final Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        final DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        final DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        final LoginReply hello;

        Channel(byte[] ticket) throws Exception {
            CallChannel.writeHello(out, "orders", ticket);
            out.flush();
            hello = Wire.decodeLoginReply(CallChannel.readFrame(in, 1 << 16));
        }

        Reply call(long session, Op... ops) throws Exception {
            CallChannel.writeFrame(out, Wire.encode(new Call(session, 42, Borrow.DEFAULT, false, List.of(ops))));
            out.flush();
            return Wire.decodeReply(CallChannel.readFrame(in, Wire.MAX_FRAME));
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private static Op insert(int x) {
        return new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.UPDATE, "insert into t values (" + x + ")", null, 0, 0,
                0, null);
    }

    private int rows() throws SQLException {
        try (Statement s = keeper.createStatement(); ResultSet rs = s.executeQuery("select count(*) from t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aReplacedEndpointServesItsSessionsByTicketAndSendsEverythingNewToTheNewPool() throws Exception {
        RemotePool oldStub = lookup();
        byte[] ticket = login(oldStub, null).ticket();
        try (Channel before = new Channel(ticket)) {
            assertNull(before.hello.error());
            Reply opened = before.call(0, new Op.Set(Op.Property.AUTO_COMMIT, false), insert(1));
            assertNull(opened.error());
            long session = opened.session();
            assertNotEquals(0, session);

            server.publish(next, USERS, LONG);
            CompletableFuture<Boolean> oldPoolDrain = CompletableFuture.supplyAsync(() -> old.drainAndClose(LONG));

            assertNull(before.call(session, insert(2)).error(), "the channel open before still serves the session");
            try (Channel after = new Channel(ticket)) {
                assertNull(after.hello.error(), "a channel opened with the old ticket reaches the old endpoint");
                assertNull(after.call(session, insert(3)).error());
                SqlError refused = after.call(0, insert(9)).error();
                assertEquals(SqlError.Kind.TICKET_EXPIRED, refused.kind(), refused.message());
                assertEquals(Protocol.STATE_ENDPOINT_RETIRED, refused.sqlState());
            }

            SqlError freshLogin = login(oldStub, null).error();
            assertNotNull(freshLogin, "a retired endpoint takes no new login");
            assertEquals(Protocol.STATE_ENDPOINT_RETIRED, freshLogin.sqlState());
            LoginReply succeeded = login(oldStub, ticket);
            assertNull(succeeded.error(), "but one that succeeds a live ticket of its own");
            try (Channel successor = new Channel(succeeded.ticket())) {
                assertNull(successor.call(session, insert(4)).error(), "the successor ticket carries the session on");
            }

            byte[] newTicket = login(lookup(), null).ticket();
            try (Channel other = new Channel(newTicket)) {
                assertNull(other.hello.error());
                assertEquals(Protocol.STATE_NO_CONNECTION, other.call(session, insert(8)).error().sqlState(),
                        "the new endpoint knows nothing of the old one's sessions");
                Reply borrowed = other.call(0, insert(10));
                assertNull(borrowed.error(), "new borrows go to the new pool");
                assertEquals(1, next.stats().active());
            }

            assertNull(before.call(session, new Op.Commit(), new Op.Release()).error());
            assertEquals(5, rows());
            assertTrue(oldPoolDrain.get(30, TimeUnit.SECONDS), "the old pool got its connection back, not taken");
        }
        Await.until("the retired endpoint unexported", Duration.ofSeconds(30), () -> {
            try {
                oldStub.renew(ticket, new long[0]);
                return false;
            } catch (NoSuchObjectException e) {
                return true;
            }
        });
    }

    @Test
    void theDrainTimeoutRollsBackWhatIsLeftAndTheSessionIsGone() throws Exception {
        byte[] ticket = login(lookup(), null).ticket();
        try (Channel channel = new Channel(ticket)) {
            long session = channel.call(0, new Op.Set(Op.Property.AUTO_COMMIT, false), insert(1)).session();

            assertTrue(server.unpublish("orders", Duration.ofMillis(100)));

            Await.until("the old pool's connection returned", Duration.ofSeconds(30), () -> old.stats().active() == 0);
            assertEquals(0, rows(), "rolled back");
            // The channel was closed with the endpoint's tickets; a new one is refused like any unknown ticket.
            try (Channel again = new Channel(ticket)) {
                assertEquals(SqlError.Kind.TICKET_EXPIRED, again.hello.error().kind());
                assertEquals(Protocol.STATE_AUTH, again.hello.error().sqlState());
            }
            assertThrows(java.io.IOException.class, () -> channel.call(session, insert(2)));
        }
    }

    @Test
    void aReplacementThatRemovesTheUserEndsItsDrainingTicketAtOnce() throws Exception {
        replacingWithTheseUsersEndsTheDrainingTicket(
                Users.of(Map.of("other", PasswordHash.create("pw".toCharArray(), 1000))));
    }

    @Test
    void aReplacementThatChangesTheUsersPasswordEndsItsDrainingTicketAtOnce() throws Exception {
        replacingWithTheseUsersEndsTheDrainingTicket(Users.of(Map.of("app", PasswordHash.create("new".toCharArray(), 1000))));
    }

    @Test
    void aReplacementThatBindsTheUserToTenantsEndsItsDrainingTicketAtOnce() throws Exception {
        replacingWithTheseUsersEndsTheDrainingTicket(USERS.withTenants(Map.of("app", java.util.Set.of("acme"))));
    }

    /**
     * A reload that replaces the pool and changes its user at once: the user's sessions on the
     * retired endpoint end as they would on a kept one, and its old password logs in there no more.
     */
    private void replacingWithTheseUsersEndsTheDrainingTicket(Users after) throws Exception {
        RemotePool oldStub = lookup();
        byte[] ticket = login(oldStub, null).ticket();
        try (Channel channel = new Channel(ticket)) {
            long session = channel.call(0, new Op.Set(Op.Property.AUTO_COMMIT, false), insert(1)).session();
            assertNotEquals(0, session);

            server.publish(next, after, LONG);

            assertEnded(channel, session);
            try (Channel again = new Channel(ticket)) {
                assertEquals(SqlError.Kind.TICKET_EXPIRED, again.hello.error().kind());
            }
            assertNotNull(login(oldStub, ticket).error(), "no succession of an ended ticket with the old password");
        }
    }

    /** The channel's ticket ended: the channel is closed (in the background), or a call in between is refused. */
    private static void assertEnded(Channel channel, long session) throws Exception {
        Reply reply;
        try {
            reply = channel.call(session, insert(2));
        } catch (java.io.IOException closed) {
            return;
        }
        assertNotNull(reply.error(), "the retired endpoint still serves the session of an ended ticket");
        assertEquals(SqlError.Kind.TICKET_EXPIRED, reply.error().kind(), reply.error().message());
    }

    @Test
    void aReloadThatRemovesAUserEndsItsTicketsOnTheEndpointOfARemovedPoolToo() throws Exception {
        RemotePool oldStub = lookup();
        byte[] ticket = login(oldStub, null).ticket();
        try (Channel channel = new Channel(ticket)) {
            long session = channel.call(0, new Op.Set(Op.Property.AUTO_COMMIT, false), insert(1)).session();
            assertTrue(server.unpublish("orders", LONG));
            assertNull(channel.call(session, insert(2)).error(), "the removed pool's session drains");

            server.retainClients(Users.of(Map.of("other", PasswordHash.create("pw".toCharArray(), 1000))));

            assertEnded(channel, session);
            assertNotNull(login(oldStub, ticket).error());
        }
    }

    @Test
    void withoutADrainTimeoutAReplacedEndpointEndsAtOnce() throws Exception {
        byte[] ticket = login(lookup(), null).ticket();
        try (Channel channel = new Channel(ticket)) {
            assertNotEquals(0, channel.call(0, new Op.Set(Op.Property.AUTO_COMMIT, false), insert(1)).session());
            server.publish(next, USERS);
            assertEquals(0, old.stats().active());
            assertEquals(0, rows());
        }
        assertArrayEquals(new String[] {"orders"}, server.published().toArray());
    }
}
