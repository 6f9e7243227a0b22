package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.remote.LoginGuard;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;
import pool.testsupport.await.Await;

/**
 * The JNDI factories make one login per settings, not one per lookup: WildFly's object-factory
 * bindings and an uncached external context call them on every lookup. The daemon's own count
 * of password checks is the proof; a data source of its own per call keeps one application's
 * {@code close()} from breaking another's.
 */
@Timeout(120)
class SharedDataSourcesTest {

    /**
     * The client renews every third of a lease, so a renewal has to be two thirds of a lease late
     * (4 s) before the daemon reclaims a held session. With a 2 s lease, 1.3 s was enough: a JVM
     * starved of CPU on a loaded machine (it runs both the client and the daemon here) got there.
     */
    static final java.time.Duration LEASE = java.time.Duration.ofSeconds(6);
    static H2Pool pool;
    static LoginGuard guard;
    static RemoteServer server;

    @BeforeAll
    static void start() throws Exception {
        pool = new H2Pool("shared");
        guard = LoginGuard.start();
        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0).withLease(LEASE), guard);
        // "goodAa" and "goodBB" have the same Arrays.hashCode: a login keyed by it would let one in as the other.
        server.publish(pool, Users.of(Map.of(
                "app", PasswordHash.create("secret".toCharArray(), 1000),
                "other", PasswordHash.create("goodAa".toCharArray(), 1000),
                "lookups", PasswordHash.create("per-request".toCharArray(), 1000),
                "contexts", PasswordHash.create("per-context".toCharArray(), 1000))));
        try (Connection c = pool.direct(); Statement s = c.createStatement()) {
            s.execute("create table entry(id int primary key)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        guard.close();
    }

    static String url() {
        return "rmi://127.0.0.1:" + server.port() + "/pools/shared";
    }

    /** The environment WildFly hands an object factory on each lookup of its binding. */
    static Hashtable<String, Object> binding(String user, String password) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put("url", url());
        env.put("user", user);
        env.put("password", password);
        return env;
    }

    static DataSource lookUp(Hashtable<String, Object> environment) throws Exception {
        return (DataSource) new RemoteDataSourceFactory().getObjectInstance(null, null, null, environment);
    }

    static int selectOne(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    @Test
    void aHundredLookupsOfOneObjectFactoryBindingLogInOnce() throws Exception {
        long checks = guard.checks();
        Set<DataSource> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            DataSource ds = lookUp(binding("lookups", "per-request"));
            seen.add(ds);
            assertEquals(1, selectOne(ds));
        }
        assertEquals(1, guard.checks() - checks, "password checks on the daemon");
        assertEquals(100, seen.size(), "a data source of its own per lookup, over one login");
        assertEquals(1, ((RemoteDataSource) seen.iterator().next()).stats().logins());
    }

    @Test
    void aHundredLookupsThroughUncachedExternalContextsLogInOnce() throws Exception {
        long checks = guard.checks();
        for (int i = 0; i < 100; i++) {
            Hashtable<String, Object> env = new Hashtable<>();
            env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
            env.put(Context.PROVIDER_URL, "poold://127.0.0.1:" + server.port());
            env.put(Context.SECURITY_PRINCIPAL, "contexts");
            env.put(Context.SECURITY_CREDENTIALS, "per-context".toCharArray());
            InitialContext ctx = new InitialContext(env); // a context per lookup, as WildFly's cache="false" does
            assertEquals(1, selectOne((DataSource) ctx.lookup("shared")));
            ctx.close();
        }
        assertEquals(1, guard.checks() - checks, "password checks on the daemon");
    }

    @Test
    void aWrongPasswordGetsNoSharedLoginAndFailsAtGetConnection() throws Exception {
        DataSource right = lookUp(binding("app", "secret"));
        assertEquals(1, selectOne(right));
        DataSource wrong = lookUp(binding("app", "not-the-secret")); // the lookup itself succeeds
        SQLException e = assertThrows(SQLException.class, wrong::getConnection);
        assertEquals("28000", e.getSQLState(), e.getMessage());
        assertEquals(1, selectOne(right));
    }

    @Test
    void aPasswordCorrectedInTheContextsEnvironmentServesTheNextLookup() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        env.put(Context.PROVIDER_URL, "poold://127.0.0.1:1");
        env.put(Context.SECURITY_PRINCIPAL, "app");
        env.put(Context.SECURITY_CREDENTIALS, "not-the-secret");
        InitialContext ctx = new InitialContext(env);
        try {
            DataSource first = (DataSource) ctx.lookup("shared");
            assertSame(first, ctx.lookup("shared"), "one data source per name while the environment stays");
            // JNDI: a changed environment applies to the operations that follow.
            ctx.addToEnvironment(Context.PROVIDER_URL, "poold://127.0.0.1:" + server.port());
            SQLException wrong = assertThrows(SQLException.class, ((DataSource) ctx.lookup("shared"))::getConnection);
            assertEquals("28000", wrong.getSQLState(), wrong.getMessage());
            ctx.addToEnvironment(Context.SECURITY_CREDENTIALS, "secret");
            assertEquals(1, selectOne((DataSource) ctx.lookup("shared")));
            assertEquals("RemoteDataSource[rmi://127.0.0.1:1/pools/shared, user app]", first.toString(),
                    "a data source looked up before keeps its settings");
            assertThrows(javax.naming.ConfigurationException.class, () -> ctx.addToEnvironment(Context.PROVIDER_URL,
                    "jdbc:postgresql://127.0.0.1/app"));
        } finally {
            ctx.close();
        }
    }

    @Test
    void aClosedDataSourceRefusesNewConnectionsWhileAClosedSharedOneServesOn() throws Exception {
        RemoteDataSource own = RemoteDataSource.builder(url()).user("app").password("secret").build();
        assertEquals(1, selectOne(own));
        own.close();
        // Its leases are no longer renewed: a connection made now would lose its transaction a lease later.
        SQLException e = assertThrows(SQLException.class, own::getConnection);
        assertEquals("08001", e.getSQLState(), e.getMessage());
        assertEquals("RemoteDataSource[" + url() + ", user app] is closed: build a new data source", e.getMessage());
        assertEquals("08001", assertThrows(SQLException.class, () -> own.getConnection("other", "goodAa")).getSQLState());

        RemoteDataSource shared = RemoteDataSource.builder(url()).user("app").password("secret").buildShared();
        shared.close(); // what a JNDI context's close() does to the data sources looked up through it
        assertEquals(1, selectOne(shared));
    }

    @Test
    void anUnknownPoolFailsAtGetConnectionNamingThePoolsTheDaemonPublishes() throws Exception {
        try (RemoteDataSource typo = RemoteDataSource.builder("rmi://127.0.0.1:" + server.port() + "/pools/shraed")
                .user("app").password("secret").build()) {
            SQLException e = assertThrows(SQLException.class, typo::getConnection);
            assertEquals("08001", e.getSQLState(), e.getMessage());
            assertEquals("poold at 127.0.0.1:" + server.port() + " has no pool named 'shraed'; it publishes shared",
                    e.getMessage());
        }
    }

    @Test
    void aPasswordWithTheSameHashCodeAsAnotherUsersIsStillChecked() throws Exception {
        RemoteDataSource ds = RemoteDataSource.builder(url()).user("app").password("secret").build();
        try {
            try (Connection c = ds.getConnection("other", "goodAa")) {
                c.createStatement().executeQuery("select 1").close();
            }
            SQLException e = assertThrows(SQLException.class, () -> ds.getConnection("other", "goodBB"));
            assertEquals("28000", e.getSQLState(), e.getMessage());
        } finally {
            ds.close();
        }
    }

    @Test
    void closingOneApplicationsDataSourceLeavesTheSharedLoginToTheOthers() throws Exception {
        Reference resource = new Reference("javax.sql.DataSource", RemoteDataSourceFactory.class.getName(), null);
        resource.add(new StringRefAddr("url", url()));
        resource.add(new StringRefAddr("user", "app"));
        resource.add(new StringRefAddr("password", "secret"));
        RemoteDataSource first = (RemoteDataSource) new RemoteDataSourceFactory().getObjectInstance(resource, null, null,
                new Hashtable<>());
        RemoteDataSource second = (RemoteDataSource) new RemoteDataSourceFactory().getObjectInstance(resource, null, null,
                new Hashtable<>());
        assertNotSame(first, second);
        assertEquals(1, selectOne(first));
        long checks = guard.checks();
        try (Connection c = second.getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("insert into entry values (1)");
            first.close(); // Tomcat stopping the first application
            // Idle for more than a lease while only renewals keep c's session: each renewal starts a third
            // of a lease after the one before it ended, so four more than now take over a lease.
            long renewed = second.stats().renewals();
            Await.value("four renewals", LEASE.multipliedBy(10), () -> second.stats().renewals(), n -> n >= renewed + 4);
            c.commit();
        }
        try (Connection c = pool.direct(); ResultSet rs = c.createStatement().executeQuery("select count(*) from entry")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
        assertEquals(0, guard.checks() - checks, "the second data source used the shared login");
    }
}
