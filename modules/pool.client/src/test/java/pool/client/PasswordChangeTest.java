package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;

/**
 * A reload that gives a client user another password ends that user's logins at once (their
 * call channels close): the client's next call is an authentication failure saying what to fix,
 * not a link failure as if the daemon had gone, and a data source holding the new password works
 * at once.
 */
class PasswordChangeTest {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private String name;
    private RemoteServer server;
    private H2Pool pool;

    @BeforeEach
    void start() throws Exception {
        name = "pwchange" + POOLS.incrementAndGet();
        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0));
        pool = new H2Pool(name);
        server.publish(pool, users("old-secret"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Users users(String password) {
        return Users.of(Map.of("app", PasswordHash.create(password.toCharArray(), 1000)));
    }

    private RemoteDataSource dataSource(String password) {
        return RemoteDataSource.builder("rmi://127.0.0.1:" + server.port() + "/pools/" + name).user("app")
                .password(password).build();
    }

    private static int one(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theNextCallAfterAReloadChangedThePasswordFailsAsAnAuthenticationErrorAndTheNewPasswordWorks()
            throws Exception {
        RemoteDataSource old = dataSource("old-secret");
        try (Connection c = old.getConnection()) {
            assertEquals(1, one(c));
        }
        server.publish(pool, users("new-secret")); // the reload: same pool, the user's hash changed

        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = old.getConnection()) {
                one(c);
            }
        });
        assertEquals("28", e.getSQLState().substring(0, 2), "an authentication error, not a link failure: "
                + e.getSQLState() + " " + e.getMessage());
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        // Every later attempt says the same, without a daemon that went away.
        SQLException again = assertThrows(SQLException.class, old::getConnection);
        assertEquals(e.getSQLState(), again.getSQLState(), again.getMessage());

        RemoteDataSource renewed = dataSource("new-secret");
        try (Connection c = renewed.getConnection()) {
            assertEquals(1, one(c));
        }
        old.close();
        renewed.close();
    }
}
