package pool.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.rmi.registry.LocateRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import pool.protocol.Wire;

/**
 * A reload that changes a client user's tenants ({@code <user tenants=>}) ends the logins
 * that may no longer claim their tenant, and only those: one that only adds a tenant leaves
 * the user's open transactions alone.
 */
class TenantClaimReloadTest {

    private static final PasswordHash HASH = PasswordHash.create("pw".toCharArray(), 1000);

    private static Users bound(String... tenants) {
        return Users.of(Map.of("app", HASH)).withTenants(Map.of("app", Set.of(tenants)));
    }

    @Test
    void addingATenantToAUserKeepsItsLoginsAndRemovingItsTenantEndsThem() throws Exception {
        String url = "jdbc:h2:mem:claims_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(url).user("sa").maxSize(2)
                .borrowTimeout(Duration.ofSeconds(5)).build());
             RemoteServer server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0))) {
            server.publish(pool, bound("acme"));
            RemotePool stub = (RemotePool) LocateRegistry.getRegistry("127.0.0.1", server.port()).lookup("pools/orders");
            LoginReply login = Wire.decodeLoginReply(stub.login(Wire.encode(
                    new LoginRequest(Protocol.VERSION, "app", "pw".toCharArray(), "acme", null))));
            assertNull(login.error());
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                var out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
                var in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                CallChannel.writeHello(out, "orders", login.ticket());
                out.flush();
                assertNull(Wire.decodeLoginReply(CallChannel.readFrame(in, 1 << 16)).error());
                Reply opened = call(out, in, 0, new Op.Set(Op.Property.AUTO_COMMIT, false));
                assertNull(opened.error());
                long session = opened.session();

                server.publish(pool, bound("acme", "shop"));
                Reply still = call(out, in, session, new Op.Commit());
                assertNull(still.error(), "the user may still claim acme: its transaction carries on");
                assertEquals(1, pool.stats().active());

                server.publish(pool, bound("shop"));
                assertNotNull(Wire.decodeLoginReply(stub.login(Wire.encode(new LoginRequest(Protocol.VERSION, "app",
                        "pw".toCharArray(), "acme", login.ticket())))).error(), "acme is no longer the user's");
            }
        }
    }

    private static Reply call(DataOutputStream out, DataInputStream in, long session, Op... ops) throws Exception {
        CallChannel.writeFrame(out, Wire.encode(new Call(session, 42, Borrow.DEFAULT, false, List.of(ops))));
        out.flush();
        return Wire.decodeReply(CallChannel.readFrame(in, Wire.MAX_FRAME));
    }
}
