package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.remote.PasswordHash;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;
import pool.testsupport.concurrent.Together;

/**
 * Logins from one host beyond the daemon's password-check queue are refused unchecked with
 * 53300 ("try again"); the client tries again within its login timeout, so that an application
 * server starting many data sources at once sees every one of them log in.
 */
@Timeout(180)
class BusyLoginTest {

    private final H2Pool pool = new H2Pool("busy");
    private final LocalDaemon daemon = new LocalDaemon();

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    void loginsBeyondThePasswordCheckQueueAreTriedAgainUntilServed() throws Exception {
        // A slow hash keeps every check slot busy while the others arrive.
        daemon.start(RemoteServerConfig.defaults()).publish(pool, Users.of(Map.of("app", PasswordHash.create("secret".toCharArray(), 200_000))));
        int checks = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        int logins = checks * 9 + 3; // more than the checks running and waiting together
        AtomicInteger served = new AtomicInteger();

        Together.run(logins, 1, () -> {
            RemoteDataSource ds = daemon.dataSource("busy", "app", "secret");
            ds.setLoginTimeout(120);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 1")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
                served.incrementAndGet();
            }
        });

        assertEquals(logins, served.get());
    }
}
