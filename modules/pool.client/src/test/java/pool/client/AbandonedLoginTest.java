package pool.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.client.internal.Link;
import pool.client.internal.Links;
import pool.client.internal.Locator;
import pool.client.internal.RemoteConnection;
import pool.protocol.Borrow;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;
import pool.testsupport.await.Await;

/**
 * A data source the application drops without closing it is not kept alive by the library:
 * not by the timer that renews its leases and its ticket, nor by the flush at the JVM's exit,
 * nor by the releases it deferred. Otherwise every data source a per-lookup JNDI factory ever
 * made would stay logged in, and renew its login, for the life of the application server.
 */
@Timeout(120)
class AbandonedLoginTest {

    static H2Pool pool;
    static RemoteServer server;

    @BeforeAll
    static void start() throws Exception {
        pool = new H2Pool("abandoned");
        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0).withLease(Duration.ofSeconds(3)));
        server.publish(pool, Users.of(Map.of("app", PasswordHash.create("secret".toCharArray(), 1000))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLoginUsedAndDroppedWithoutCloseIsCollected() throws Exception {
        WeakReference<Link> link = useAndDrop();
        Gc.awaitCollected("the dropped login", link);
    }

    /** Logs in (renewal and ticket refresh scheduled), runs a query and closes in autocommit (a deferred release). */
    private static WeakReference<Link> useAndDrop() throws Exception {
        String url = "rmi://127.0.0.1:" + server.port() + "/pools/abandoned";
        Links links = new Links(Locator.parse(url, null), "app", "secret".toCharArray(), null, Duration.ofMillis(1));
        Link link = links.own();
        link.ensureLoggedIn();
        try (Connection c = new RemoteConnection(link, Borrow.DEFAULT, url, false);
             ResultSet rs = c.createStatement().executeQuery("select 1")) {
            assertTrue(rs.next());
        }
        Await.until("the deferred release reached the daemon", Duration.ofSeconds(30), () -> pool.borrowed() == 0);
        return new WeakReference<>(link);
    }
}
