package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.client.Gc;
import pool.client.H2Pool;
import pool.protocol.Borrow;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;

/**
 * The JVM's exit gives back the releases that still wait ({@link ExitFlush}), and holds on to
 * nothing of a data source that never deferred one: JNDI factories make a data source per
 * lookup, and most of them are never closed.
 */
@Timeout(90)
class ExitFlushTest {

    private static H2Pool pool;
    private static RemoteServer server;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        pool = new H2Pool("exitflush");
        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0));
        server.publish(pool, Users.of(Map.of("app", PasswordHash.create("secret".toCharArray(), 1000))));
        url = "rmi://127.0.0.1:" + server.port() + "/pools/exitflush";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Links links(Duration releaseDelay) {
        return new Links(Locator.parse(url, null), "app", "secret".toCharArray(), null, releaseDelay);
    }

    @Test
    void aDataSourceThatNeverDeferredAReleaseIsNotKeptForTheExit() throws Exception {
        WeakReference<DeferredReleases> releases = loggedInAndDropped();
        Gc.awaitCollected("the dropped data source's releases", releases);
    }

    /** A data source as a JNDI lookup makes it: logged in (renewals and refresh scheduled), never closed. */
    private static WeakReference<DeferredReleases> loggedInAndDropped() throws SQLException {
        Link link = links(Duration.ofMillis(1)).own();
        link.ensureLoggedIn();
        assertFalse(ExitFlush.holds(link.releases()), "registered without a deferred release");
        return new WeakReference<>(link.releases());
    }

    @Test
    void releasesStillWaitingAreGivenBackAtTheExit() throws Exception {
        // A delay no test outlives: only a call, the exit or close() can give the session back.
        Links links = links(Duration.ofHours(1));
        Link link = links.own();
        assertFalse(ExitFlush.holds(link.releases()));
        try (Connection c = new RemoteConnection(link, Borrow.DEFAULT, url, false);
             ResultSet rs = c.createStatement().executeQuery("select 1")) {
            assertTrue(rs.next());
        }
        assertTrue(ExitFlush.holds(link.releases()), "registered at the first deferred release");
        assertEquals(1, server.openSessions("exitflush"), "the release waits for a call to carry it");

        ExitFlush.flushAll(); // what the shutdown hook runs
        assertEquals(0, server.openSessions("exitflush"), "the exit gave the session back");
        assertEquals(0, pool.borrowed());

        links.close();
        assertFalse(ExitFlush.holds(link.releases()), "a closed data source leaves the exit alone");
    }
}
