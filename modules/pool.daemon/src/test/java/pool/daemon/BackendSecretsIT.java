package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Reply;
import pool.protocol.Result;
import pool.protocol.Wire;
import pool.remote.PasswordHash;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;
import pool.testsupport.rmi.RawChannel;

/**
 * A PostgreSQL pool whose JDBC URL carries the database password, served by the
 * packaged daemon: no message a remote client receives, and no metadata it can ask
 * for (with the client library or without it), shows the password, the backend's
 * address or its database user.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BackendSecretsIT {

    /** Not the database user's name ("app"), so that getUserName shows whose it is. */
    private static final String CLIENT_USER = "reports";
    private static final String CLIENT_PASSWORD = "reports-pw";

    @TempDir
    Path work;
    private final int port = FreePorts.loopback();

    /** @return a pool {@code name} whose URL logs in to {@code pg} as its user with {@code password} */
    private static String pool(String name, DatabaseServer pg, String password) {
        return """
                  <pool name="%s" driver="postgresql">
                    <jdbcUrl>%s?user=%s&amp;password=%s</jdbcUrl>
                    <minIdle>1</minIdle>
                    <connectTimeout>2s</connectTimeout>
                    <borrowTimeout>3s</borrowTimeout>
                    <createBackoffMax>500ms</createBackoffMax>
                  </pool>
                """.formatted(name, pg.jdbcUrl(), pg.user(), password);
    }

    private PooldProcess start(String pools) throws Exception {
        String hash = PasswordHash.create(CLIENT_PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon><drainTimeout>2s</drainTimeout><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort></daemon>
                  <clients><user name="%s" hash="%s"/></clients>
                %s</poold>
                """.formatted(port, FreePorts.loopback(), CLIENT_USER, hash, pools));
        PooldProcess p = PooldProcess.start(work, Map.of(), "--config", config.toString());
        assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
        return p;
    }

    private DataSource lookup(String pool) throws Exception {
        return RemoteClients.lookup(port, CLIENT_USER, CLIENT_PASSWORD, pool);
    }

    private static void stop(PooldProcess daemon) throws Exception {
        daemon.signal("TERM");
        assertEquals(Main.EXIT_OK, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
    }

    @Test
    void aPoolWhoseServerIsDownTellsClientsSoWithoutTheDatabasesAddressOrPassword(@Postgres DatabaseServer pg)
            throws Exception {
        pg.stop();
        try (PooldProcess daemon = start(pool("orders", pg, pg.password()))) {
            assertTrue(daemon.awaitOutput("pool 'orders': cannot open a connection", 30), daemon.stdout());

            SQLException e = assertThrows(SQLException.class, () -> selectOne(lookup("orders")));

            String seen = everyMessage(e);
            assertTrue(seen.contains("pool 'orders': cannot open a connection to its database (SQLState 08001)"), seen);
            assertNoBackendIn(seen, pg, pg.password());
            assertTrue(daemon.stdout().contains("pool 'orders': cannot open a connection: Connection to 127.0.0.1:"
                    + pg.port() + " refused"), "the operator's log has the driver's message: " + daemon.stdout());
            assertFalse(daemon.stdout().contains(pg.password()), "but not its password");
            stop(daemon);
        } finally {
            pg.start();
        }
    }

    @Test
    void aWrongPasswordInTheUrlIsAConfigurationErrorClientsAreToldAtOnceWithoutTheBackendsDetails(
            @Postgres DatabaseServer pg) throws Exception {
        String wrong = "wrong-" + UUID.randomUUID();
        try (PooldProcess daemon = start(pool("orders", pg, wrong))) {
            SQLException e = assertThrows(SQLException.class, () -> selectOne(lookup("orders")));

            String seen = everyMessage(e);
            assertEquals("28P01", e.getSQLState(), seen);
            assertTrue(seen.contains("configuration error"), "the server refused the login: " + seen);
            assertNoBackendIn(seen, pg, wrong);
            assertFalse(daemon.stdout().contains(wrong), daemon.stdout());
            stop(daemon);
        }
    }

    /** Neither the password, the server's address, the database's name nor its user is in {@code seen}. */
    private static void assertNoBackendIn(String seen, DatabaseServer pg, String password) {
        for (String backend : List.of(password, "127.0.0.1:" + pg.port(), "localhost:" + pg.port(), "jdbc:postgresql",
                "\"" + pg.user() + "\"", "'" + pg.user() + "'", pg.jdbcUrl().substring(pg.jdbcUrl().lastIndexOf('/')))) {
            assertFalse(seen.contains(backend), backend + " in " + seen);
        }
    }

    @Test
    void remoteMetaDataNamesThePooldUrlAndTheClientUserNeverTheBackend(@Postgres DatabaseServer pg) throws Exception {
        try (PooldProcess daemon = start(pool("orders", pg, pg.password()))) {
            try (Connection c = lookup("orders").getConnection()) {
                DatabaseMetaData md = c.getMetaData();
                assertEquals("rmi://127.0.0.1:" + port + "/pools/orders", md.getURL());
                assertEquals(CLIENT_USER, md.getUserName());
                assertEquals("PostgreSQL", md.getDatabaseProductName(), "the rest of the metadata is there");
            }

            // A client of its own making asks the daemon directly: it gets neither.
            RemotePool stub = (RemotePool) LocateRegistry.getRegistry("127.0.0.1", port).lookup("pools/orders");
            LoginReply login = Wire.decodeLoginReply(stub.login(Wire.encode(
                    new LoginRequest(Protocol.VERSION, CLIENT_USER, CLIENT_PASSWORD.toCharArray(), null))));
            assertNull(login.error());
            try (RawChannel channel = RawChannel.connect("127.0.0.1", port)) {
                assertNull(channel.hello("orders", login.ticket()).error());
                Reply info = call(channel, new Op.MetaInfo());
                assertNull(info.error());
                Result.Meta meta = (Result.Meta) info.results().getFirst();
                assertTrue(meta.names().contains("getDatabaseProductVersion"), meta.names().toString());
                assertFalse(meta.names().contains("getURL"), meta.names().toString());
                assertFalse(meta.names().contains("getUserName"), meta.names().toString());
                String values = Arrays.deepToString(meta.values());
                for (String backend : List.of(pg.password(), "127.0.0.1:" + pg.port(), "jdbc:postgresql")) {
                    assertFalse(values.contains(backend), backend + " in " + values);
                }
                for (String method : List.of("getURL", "getUserName")) {
                    Reply refused = call(channel, new Op.MetaCall(method, new Object[0]));
                    assertEquals("0A000", refused.error().sqlState(), refused.error().message());
                    assertTrue(refused.results().isEmpty());
                }
            }
            stop(daemon);
        }
    }

    /** Runs a query: a remote connection borrows on its first call, not in getConnection. */
    private static void selectOne(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeQuery("select 1").close();
        }
    }

    /** Borrows, runs {@code op}, and gives the connection back, in one call (under the channel's ticket). */
    private static Reply call(RawChannel channel, Op op) throws Exception {
        return Wire.decodeReply(channel.call(Wire.encode(new Call(0, 1, Borrow.DEFAULT, false,
                List.of(op, new Op.Release())))));
    }

    /** @return the message of {@code e} and of everything chained to it */
    private static String everyMessage(SQLException e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        for (SQLException n = e.getNextException(); n != null; n = n.getNextException()) {
            all.append(n.getMessage()).append('\n');
        }
        return all.toString();
    }
}
