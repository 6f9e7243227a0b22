package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;

/**
 * The call channels a client keeps idle close after their idle time even when the client makes
 * no call any more: a quiet application server must not hold its user's share of the daemon's
 * channels ({@code maxChannelsPerUser}) from another one of the same user.
 */
class IdleChannelsTest {

    private static RemoteServer server;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("poold.remote.maxChannelsPerUser", "1");
        System.setProperty("poold.client.channelIdleMillis", "500");
        try {
            server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0));
        } finally {
            System.clearProperty("poold.remote.maxChannelsPerUser");
        }
        server.publish(new H2Pool("idlechannels"), Users.of(Map.of("app", PasswordHash.create("pw".toCharArray(), 1000))));
    }

    @AfterAll
    static void stop() {
        System.clearProperty("poold.client.channelIdleMillis");
        server.close();
    }

    private static RemoteDataSource dataSource() {
        return RemoteDataSource.builder("rmi://127.0.0.1:" + server.port() + "/pools/idlechannels").user("app")
                .password("pw").build();
    }

    private static int one(RemoteDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aQuietClientsIdleChannelClosesAndAnotherClientOfTheSameUserGetsTheShare() throws Exception {
        try (RemoteDataSource quiet = dataSource(); RemoteDataSource busy = dataSource()) {
            assertEquals(1, one(quiet)); // its channel stays idle: the user's whole share
            // Without the idle channel closing by itself this waits for it 30 s, then fails with 53300.
            assertEquals(1, one(busy));
        }
    }
}
