package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;
import pool.testsupport.concurrent.Together;

/**
 * A daemon may let one client user have fewer call channels open than its ticket allows
 * ({@code -Dpoold.remote.maxChannelsPerUser}, or the daemon's own bound): an application with
 * more calls in flight than that waits for a channel, as at its ticket's limit, instead of failing.
 */
@Timeout(180)
class ChannelShareTest {

    private static final String SHARE = "poold.remote.maxChannelsPerUser";

    private final H2Pool pool = new H2Pool("share");
    private final LocalDaemon daemon = new LocalDaemon();

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    void callsBeyondTheUsersChannelShareWaitForAChannel() throws Exception {
        System.setProperty(SHARE, "3");
        try {
            daemon.start(RemoteServerConfig.defaults());
        } finally {
            System.clearProperty(SHARE);
        }
        daemon.server().publish(pool, Users.of(Map.of("app", PasswordHash.create("secret".toCharArray(), 1000))));
        // The ticket allows 256 channels: the daemon's share of 3 is what the client meets.
        RemoteDataSource ds = daemon.dataSource("share", "app", "secret");
        AtomicInteger served = new AtomicInteger();

        Together.run(12, 3, () -> {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select count(*) + ? from system_range(1, 100000)")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(100_001, rs.getLong(1));
                    served.incrementAndGet();
                }
            }
        });

        assertEquals(36, served.get());
    }
}
