package pool.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.api.Intent;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Reply;
import pool.protocol.Result;
import pool.protocol.SqlError;
import pool.protocol.Wire;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;
import pool.testsupport.await.Await;
import pool.testsupport.rmi.RawChannel;
import pool.testsupport.rmi.RmiSmuggler;

/**
 * The remote JDBC path end to end in one JVM: a real RMI registry on loopback, the
 * daemon side ({@code pool.remote}) serving an H2-backed pool, and the client looking it
 * up through JNDI. The daemon in its own process and real PostgreSQL/MariaDB come with
 * the daemon and the test harness.
 */
class RemoteJdbcEndToEndTest {

    static final Duration LEASE = Duration.ofSeconds(2);
    static H2Pool pool;
    static RemoteServer server;
    static RemoteDataSource ds;

    @BeforeAll
    static void start() throws Exception {
        pool = new H2Pool("orders");
        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0).withLease(LEASE));
        server.publish(pool, Users.of(Map.of("app", PasswordHash.create("secret".toCharArray(), 1000))));
        try (Connection c = pool.direct(); Statement s = c.createStatement()) {
            s.execute("create table item(id int primary key, name varchar(100) not null unique, price decimal(10,2))");
            s.execute("create table big(id int primary key, label varchar(40))");
            s.execute("insert into big select x, 'row ' || x from system_range(1, 200000)");
            s.execute("create table typed(id identity primary key, b boolean, i int, l bigint, d double, n decimal(20,6),"
                    + " s varchar(50), bin varbinary(16), dt date, ts timestamp, tstz timestamp with time zone, u uuid)");
        }
        ds = dataSource("secret");
    }

    @AfterAll
    static void stop() {
        ds.close();
        server.close();
    }

    static String url() {
        return "rmi://127.0.0.1:" + server.port() + "/pools/orders";
    }

    /**
     * A data source whose {@code close()} gives the connection back before it returns, so
     * that the round trips and open sessions these tests count are exact; the default
     * release delay has {@link ReleaseDelayTest} and the real-server tests.
     */
    static RemoteDataSource dataSource(String password) {
        return RemoteDataSource.builder(url()).user("app").password(password).tenant("shop-eu")
                .releaseDelay(Duration.ZERO).build();
    }

    static int count(String where) throws SQLException {
        try (Connection c = pool.direct(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from item where " + where)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The environment of a PooldContextFactory context on the test daemon, without credentials. */
    static Hashtable<String, Object> pooldContextEnv() {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        env.put(Context.PROVIDER_URL, "poold://127.0.0.1:" + server.port());
        return env;
    }

    /** The same, logging in as {@code user}. */
    static Hashtable<String, Object> pooldContextEnv(String user, String password) {
        Hashtable<String, Object> env = pooldContextEnv();
        env.put(Context.SECURITY_PRINCIPAL, user);
        env.put(Context.SECURITY_CREDENTIALS, password);
        return env;
    }

    @Test
    void pooldContextFactoryLookupGivesADataSourceForCrud() throws Exception {
        Hashtable<String, Object> env = pooldContextEnv("app", "secret");
        env.put("poold.tenant", "shop-eu");
        InitialContext ctx = new InitialContext(env);
        DataSource orders = (DataSource) ctx.lookup("orders");
        try (Connection c = orders.getConnection()) {
            try (PreparedStatement ins = c.prepareStatement("insert into item(id, name, price) values (?, ?, ?)")) {
                ins.setInt(1, 100);
                ins.setString(2, "crud");
                ins.setBigDecimal(3, new BigDecimal("9.99"));
                assertEquals(1, ins.executeUpdate());
            }
            try (PreparedStatement upd = c.prepareStatement("update item set price = ? where id = ?")) {
                upd.setBigDecimal(1, new BigDecimal("19.99"));
                upd.setInt(2, 100);
                assertEquals(1, upd.executeUpdate());
            }
            try (PreparedStatement sel = c.prepareStatement("select id, name, price from item where id = ?")) {
                sel.setInt(1, 100);
                try (ResultSet rs = sel.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(100, rs.getInt("id"));
                    assertEquals("crud", rs.getString("NAME"));
                    assertEquals(new BigDecimal("19.99"), rs.getBigDecimal(3));
                    assertFalse(rs.next());
                }
            }
            try (Statement del = c.createStatement()) {
                assertEquals(1, del.executeUpdate("delete from item where id = 100"));
            }
        }
        ctx.close();
        assertEquals(0, count("id = 100"));
        assertEquals("shop-eu", pool.requests.get(pool.requests.size() - 1).tenant());
    }

    @Test
    void remoteDataSourceFactoryBuildsADataSourceFromATomcatResource() throws Exception {
        Reference ref = new Reference("javax.sql.DataSource", RemoteDataSourceFactory.class.getName(), null);
        ref.add(new StringRefAddr("url", url()));
        ref.add(new StringRefAddr("user", "app"));
        ref.add(new StringRefAddr("password", "secret"));
        ref.add(new StringRefAddr("tenant", "tomcat"));
        DataSource source = (DataSource) new RemoteDataSourceFactory().getObjectInstance(ref, null, null, new Hashtable<>());
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 40 + 2")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
        assertEquals("tomcat", pool.requests.get(pool.requests.size() - 1).tenant());
        ((RemoteDataSource) source).close();
    }

    @Test
    void remoteDataSourceFactoryAlsoReadsAWildFlyStyleEnvironment() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put("url", url());
        env.put("user", "app");
        env.put("password", "secret");
        try (RemoteDataSource source = (RemoteDataSource) new RemoteDataSourceFactory()
                .getObjectInstance(null, null, null, env);
             Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
    }

    @Test
    void aResourceWithoutUrlIsRefusedNamingTheProperty() {
        // As Tomcat builds it: the factory attribute is an address of its own.
        Reference ref = new Reference("javax.sql.DataSource", "org.apache.naming.factory.ResourceFactory", null);
        ref.add(new StringRefAddr("factory", RemoteDataSourceFactory.class.getName()));
        ref.add(new StringRefAddr("user", "app"));
        var e = assertThrows(javax.naming.ConfigurationException.class, () -> new RemoteDataSourceFactory()
                .getObjectInstance(ref, new javax.naming.CompositeName("jdbc/orders"), null, new Hashtable<>()));
        assertTrue(e.getMessage().contains("needs the property url") && e.getMessage().contains("jdbc/orders"),
                e.getMessage());
    }

    @Test
    void thePooldContextTakesTheNameTheJdksContextWantsToo() throws Exception {
        Hashtable<String, Object> env = pooldContextEnv("app", "secret");
        InitialContext ctx = new InitialContext(env);
        for (Object name : List.of(new javax.naming.CompositeName().add("pools/orders"),
                new javax.naming.CompositeName("pools/orders"), "pools/orders", "orders")) {
            DataSource orders = name instanceof String text ? (DataSource) ctx.lookup(text)
                    : (DataSource) ctx.lookup((javax.naming.Name) name);
            try (Connection c = orders.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 8")) {
                assertTrue(rs.next(), name.toString());
            }
        }
        ctx.close();
    }

    @Test
    void thePooldContextListsTheDaemonsPools() throws Exception {
        Hashtable<String, Object> env = pooldContextEnv("app", "secret");
        InitialContext ctx = new InitialContext(env);
        List<String> names = new java.util.ArrayList<>();
        for (var e = ctx.list(""); e.hasMore(); ) {
            javax.naming.NameClassPair pair = e.next();
            names.add(pair.getName());
            assertEquals(RemoteDataSource.class.getName(), pair.getClassName());
        }
        assertEquals(List.of("orders"), names);
        var bindings = ctx.listBindings(new javax.naming.CompositeName());
        assertTrue(bindings.hasMore());
        DataSource listed = (DataSource) bindings.next().getObject();
        try (Connection c = listed.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 3")) {
            assertTrue(rs.next());
        }
        assertFalse(bindings.hasMore());
        assertTrue(ctx.lookup("") instanceof Context, "the empty name is the context itself");
        assertThrows(javax.naming.NotContextException.class, () -> ctx.list("orders"));
        ctx.close();

        env.put(Context.PROVIDER_URL, "poold://127.0.0.1:1");
        var down = assertThrows(javax.naming.ServiceUnavailableException.class, () -> new InitialContext(env).list(""));
        assertTrue(down.getMessage().startsWith("cannot reach poold at 127.0.0.1:1 to list its pools: "), down.getMessage());
        assertTrue(down.getMessage().endsWith(" (nothing listens there: check that poold runs and that 1 is its"
                + " rmiRegistryPort, 1099 unless its configuration says otherwise)"), down.getMessage());
    }

    @Test
    void aLookupWithoutCredentialsSaysWhichSettingIsMissing() throws Exception {
        Hashtable<String, Object> env = pooldContextEnv();
        InitialContext ctx = new InitialContext(env);
        DataSource orders = (DataSource) ctx.lookup("orders");
        SQLException e = assertThrows(SQLException.class, orders::getConnection);
        assertEquals("28000", e.getSQLState());
        assertTrue(e.getMessage().contains("no user name given") && e.getMessage().contains("SECURITY_PRINCIPAL"),
                e.getMessage());
        ctx.close();
    }

    @Test
    void theLoginTimeoutBoundsAGetConnectionToADaemonThatDoesNotAnswer() throws Exception {
        // A listening socket nobody accepts on: the kernel completes the connection, as for a
        // stopped (SIGSTOP) or hung daemon, and RMI's handshake would wait a minute for it.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            RemoteDataSource hung = RemoteDataSource.builder("rmi://127.0.0.1:" + silent.getLocalPort() + "/pools/orders")
                    .user("app").password("secret").build();
            hung.setLoginTimeout(1);
            assertEquals(1, hung.getLoginTimeout());
            java.sql.SQLTimeoutException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    Duration.ofSeconds(30), () -> assertThrows(java.sql.SQLTimeoutException.class, hung::getConnection));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("within the login timeout of 1 s"), e.getMessage());
            // Calls made while that attempt still waits on the silent daemon wait for it: no thread each.
            for (int i = 0; i < 3; i++) {
                assertThrows(java.sql.SQLTimeoutException.class, hung::getConnection);
            }
            assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("poold-client-login") && t.isAlive()).count(), "one login attempt");
            silent.close(); // resets the connection the attempt still waits on, which then ends
            hung.close();
        }
        // A daemon that answers is not slowed down by one.
        try (RemoteDataSource bounded = dataSource("secret")) {
            bounded.setLoginTimeout(30);
            try (Connection c = bounded.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 5")) {
                assertTrue(rs.next());
            }
            bounded.setLoginTimeout(1);
            SQLException wrong = assertThrows(SQLException.class, () -> bounded.getConnection("app", "wrong"));
            assertEquals("28000", wrong.getSQLState(), "the login's own failure, not a timeout");
        }
    }

    @Test
    void anUnreachableDaemonIsSaidInOneLine() {
        try (RemoteDataSource down = RemoteDataSource.builder("rmi://127.0.0.1:1/pools/orders").user("app")
                .password("secret").build()) {
            SQLException e = assertThrows(SQLException.class, down::getConnection);
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().startsWith("cannot reach poold at 127.0.0.1:1 to look up pool 'orders': ")
                    && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void committedRowsStayAndRolledBackRowsDoNot() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("insert into item(id, name) values (?, ?)")) {
                ins.setInt(1, 200);
                ins.setString(2, "committed");
                ins.executeUpdate();
                c.commit();
                ins.setInt(1, 201);
                ins.setString(2, "rolled back");
                ins.executeUpdate();
                c.rollback();
            }
            Savepoint sp;
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into item(id, name) values (202, 'before savepoint')");
                sp = c.setSavepoint();
                s.executeUpdate("insert into item(id, name) values (203, 'after savepoint')");
            }
            c.rollback(sp);
            c.commit();
        }
        assertEquals(1, count("id = 200"));
        assertEquals(0, count("id = 201"));
        assertEquals(1, count("id = 202"));
        assertEquals(0, count("id = 203"));
        assertEquals(0, server.openSessions("orders"));
    }

    @Test
    void uniqueViolationArrivesWithTheDatabasesSqlStateAndVendorCode() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into item(id, name) values (300, 'unique')");
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("insert into item(id, name) values (301, 'unique')"));
            assertEquals("23505", e.getSQLState());
            assertEquals(23505, e.getErrorCode()); // H2's vendor code for a unique violation
            assertInstanceOf(java.sql.SQLIntegrityConstraintViolationException.class, e);
            // The connection is still usable after the error.
            try (ResultSet rs = s.executeQuery("select count(*) from item where name = 'unique'")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void twoHundredThousandRowsStreamInBatchesOfTheFetchSize() throws Exception {
        long before = ds.stats().roundTrips();
        long sum = 0;
        int rows = 0;
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, label from big order by id")) {
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    sum += rs.getLong(1);
                    if (rows == 123_456) {
                        assertEquals("row 123456", rs.getString("label"));
                    }
                }
            }
        }
        assertEquals(200_000, rows);
        assertEquals(200_000L * 200_001L / 2, sum);
        // 40 batches: the first comes with the execution; 39 fetches, one more finding the end, one release.
        long calls = ds.stats().roundTrips() - before;
        assertTrue(calls >= 40 && calls <= 42, "round trips for 200,000 rows at fetch size 5,000: " + calls);
    }

    @Test
    void borrowPreparedQueryReadAndReturnCostAtMostTwoRoundTrips() throws Exception {
        try (Connection warm = ds.getConnection(); Statement s = warm.createStatement()) {
            s.executeQuery("select 1").close(); // lookup and login happen once per data source
        }
        long before = ds.stats().roundTrips();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, label from big where id between ? and ?")) {
            ps.setInt(1, 10);
            ps.setInt(2, 19);
            try (ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertEquals(10, n);
            }
        }
        assertEquals(2, ds.stats().roundTrips() - before);
    }

    /** Borrows in a transaction that wrote a row and drops the connection without closing it. */
    private static java.lang.ref.WeakReference<Connection> droppedInTransaction(RemoteDataSource ds) throws SQLException {
        Connection c = ds.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into item(id, name) values (400, 'uncommitted')");
        }
        return new java.lang.ref.WeakReference<>(c);
    }

    @Test
    void expiredLeaseRollsBackAndReturnsTheConnection() throws Exception {
        RemoteDataSource dying = dataSource("secret");
        int before = pool.borrowed();
        // Dropped, never closed: once collected nothing renews its lease, as if its JVM had died
        // (a closed data source gives its connections back at once instead).
        java.lang.ref.WeakReference<Connection> dropped = droppedInTransaction(dying);
        Gc.awaitCollected("the dropped connection", dropped);
        Await.value("the expired session's connection back in the pool", LEASE.multipliedBy(10), pool::borrowed,
                n -> n <= before);
        assertEquals(before, pool.borrowed(), "the connection went back to the pool");
        assertEquals(0, count("id = 400"), "the transaction was rolled back");
        dying.close();
    }

    @Test
    void leasesOfIdleButHeldConnectionsAreRenewed() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("select 1").close();
            // Idle for more than two leases: seven renewals, a third of a lease apart, take that long.
            long before = ds.stats().renewals();
            Await.value("seven renewals", LEASE.multipliedBy(10), () -> ds.stats().renewals(), n -> n >= before + 7);
            try (ResultSet rs = s.executeQuery("select 2")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void wrongPasswordFailsWithSqlState28000() {
        RemoteDataSource wrong = dataSource("not the password");
        SQLException e = assertThrows(SQLException.class, wrong::getConnection);
        assertEquals("28000", e.getSQLState());
        assertTrue(e.getMessage().contains("orders"), e.getMessage());
        wrong.close();
    }

    @Test
    void tenantAndReadOnlyIntentTravelWithTheBorrow() throws Exception {
        RemoteDataSource reader = RemoteDataSource.builder(url()).user("app").password("secret").tenant("analytics")
                .intent(Intent.READ_ONLY).build();
        try (Connection c = reader.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("select 1").close();
        }
        var last = pool.requests.get(pool.requests.size() - 1);
        assertEquals("analytics", last.tenant());
        assertEquals(Intent.READ_ONLY, last.intent());
        reader.close();
    }

    @Test
    void everyCommonParameterTypeRoundTrips() throws Exception {
        UUID uuid = UUID.randomUUID();
        OffsetDateTime tstz = OffsetDateTime.of(2026, 11, 24, 23, 0, 0, 0, ZoneOffset.ofHours(2));
        try (Connection c = ds.getConnection()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into typed(b, i, l, d, n, s, bin, dt, ts, tstz, u) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setBoolean(1, true);
                ps.setInt(2, 7);
                ps.setLong(3, 1L << 40);
                ps.setDouble(4, 2.5);
                ps.setObject(5, new BigDecimal("1234.567890"));
                ps.setString(6, "héllo");
                ps.setBytes(7, new byte[] {1, 2, 3});
                ps.setObject(8, LocalDate.of(2026, 11, 24));
                ps.setObject(9, LocalDateTime.of(2026, 11, 24, 23, 55, 1));
                ps.setObject(10, tstz);
                ps.setObject(11, uuid);
                assertEquals(1, ps.executeUpdate());
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select * from typed where id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertTrue(rs.getBoolean("b"));
                    assertEquals(7, rs.getInt("i"));
                    assertEquals(1L << 40, rs.getLong("l"));
                    assertEquals(2.5, rs.getDouble("d"));
                    assertEquals(new BigDecimal("1234.567890"), rs.getBigDecimal("n"));
                    assertEquals("héllo", rs.getString("s"));
                    assertArrayEquals(new byte[] {1, 2, 3}, rs.getBytes("bin"));
                    assertEquals(LocalDate.of(2026, 11, 24), rs.getObject("dt", LocalDate.class));
                    assertEquals(LocalDateTime.of(2026, 11, 24, 23, 55, 1), rs.getObject("ts", LocalDateTime.class));
                    assertEquals(tstz.toInstant(), rs.getObject("tstz", OffsetDateTime.class).toInstant());
                    assertEquals(uuid, rs.getObject("u", UUID.class));
                    ResultSetMetaData md = rs.getMetaData();
                    assertEquals(12, md.getColumnCount());
                    assertEquals(Types.INTEGER, md.getColumnType(3));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into typed(i, s) values (?, ?)")) {
                ps.setNull(1, Types.INTEGER);
                ps.setString(2, null);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select i, s from typed where i is null")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
                assertTrue(rs.wasNull());
                assertNull(rs.getString(2));
            }
        }
    }

    @Test
    void batchesReturnTheirUpdateCounts() throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into item(id, name) values (?, ?)")) {
            for (int i = 0; i < 5; i++) {
                ps.setInt(1, 500 + i);
                ps.setString(2, "batch " + i);
                ps.addBatch();
            }
            assertArrayEquals(new int[] {1, 1, 1, 1, 1}, ps.executeBatch());
        }
        assertEquals(5, count("id between 500 and 504"));
    }

    @Test
    void databaseMetaDataAnswersWhatToolsAsk() throws Exception {
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals("H2", md.getDatabaseProductName());
            assertFalse(md.getDatabaseProductVersion().isEmpty());
            assertTrue(md.getDriverName().startsWith("H2"), "the backend driver's name: " + md.getDriverName());
            assertTrue(md.supportsTransactions());
            try (ResultSet tables = md.getTables(null, null, "ITEM", new String[] {"TABLE", "BASE TABLE"})) {
                assertTrue(tables.next());
                assertEquals("ITEM", tables.getString("TABLE_NAME"));
            }
            try (ResultSet columns = md.getColumns(null, null, "ITEM", null)) {
                int n = 0;
                while (columns.next()) {
                    n++;
                }
                assertEquals(3, n);
            }
            assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED));
        }
    }

    @Test
    void unsupportedMethodsSayWhichMethod() throws Exception {
        try (Connection c = ds.getConnection()) {
            SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class,
                    () -> c.createStruct("point", new Object[0]));
            assertTrue(e.getMessage().contains("Connection.createStruct(String, Object[])"), e.getMessage());
            SQLFeatureNotSupportedException updatable = assertThrows(SQLFeatureNotSupportedException.class,
                    () -> c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE));
            assertTrue(updatable.getMessage().contains("use CONCUR_READ_ONLY"), updatable.getMessage());
        }
    }

    @Test
    void lobsMadeByTheConnectionTravelInChunksAndComeBackAsLobs() throws Exception {
        byte[] big = new byte[(3 << 20) + 5]; // beyond the 1 MiB sent inline: three chunks and a last one
        new java.util.Random(3).nextBytes(big);
        String text = "Grüße 𝄞 ".repeat(100_000);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table lob_e2e(id int primary key, b blob, t clob)");
            try {
                java.sql.Blob blob = c.createBlob();
                try (java.io.OutputStream out = blob.setBinaryStream(1)) {
                    out.write(big);
                }
                java.sql.Clob clob = c.createClob();
                clob.setString(1, text);
                try (PreparedStatement ps = c.prepareStatement("insert into lob_e2e values (?, ?, ?)")) {
                    ps.setInt(1, 1);
                    ps.setBlob(2, blob);
                    ps.setClob(3, clob);
                    ps.addBatch();
                    ps.setInt(1, 2);
                    ps.setBinaryStream(2, new java.io.ByteArrayInputStream(big), 10);
                    ps.setCharacterStream(3, new java.io.StringReader(text), 6);
                    ps.addBatch();
                    assertArrayEquals(new int[] {1, 1}, ps.executeBatch());
                }
                try (ResultSet rs = s.executeQuery("select b, t from lob_e2e order by id")) {
                    assertTrue(rs.next());
                    assertEquals(big.length, rs.getBlob(1).length());
                    assertArrayEquals(big, rs.getBlob(1).getBinaryStream().readAllBytes());
                    assertEquals(text.length(), rs.getClob(2).length());
                    assertEquals(text.substring(5, 12), rs.getClob(2).getSubString(6, 7));
                    assertTrue(rs.next());
                    assertArrayEquals(java.util.Arrays.copyOf(big, 10), rs.getBytes(1));
                    assertEquals(text.substring(0, 6), rs.getNClob(2).getSubString(1, 6));
                }
            } finally {
                s.execute("drop table lob_e2e");
            }
        }
    }

    @Test
    void aScrollInsensitiveResultMovesEveryWay() throws Exception {
        try (Connection c = ds.getConnection();
             Statement s = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(7);
            try (ResultSet rs = s.executeQuery("select x from system_range(1, 100) order by x")) {
                assertTrue(rs.last());
                assertEquals(100, rs.getRow());
                assertTrue(rs.absolute(50));
                assertTrue(rs.relative(-49));
                assertTrue(rs.isFirst());
                assertFalse(rs.previous());
                assertTrue(rs.isBeforeFirst());
                assertTrue(rs.absolute(-1));
                assertTrue(rs.isLast());
                assertEquals(100, rs.getInt(1));
            }
        }
    }

    @Test
    void connectionPropertiesAreAppliedInTheDaemon() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setReadOnly(false);
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
            assertTrue(c.isValid(1));
            assertEquals("PUBLIC", c.getSchema());
        }
    }

    /** Stands for a deserialization gadget: its readObject has a side effect. */
    static final AtomicBoolean GADGET_RAN = new AtomicBoolean();

    static final class Gadget implements Serializable, InvocationHandler {
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            GADGET_RAN.set(true);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return null;
        }
    }

    /** The daemon's log of remote JDBC ({@code poold.remote}), captured for the duration of a test. */
    static final class CapturedLog extends Handler implements AutoCloseable {
        private final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("poold.remote");
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        CapturedLog() {
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord r) {
            Object[] params = r.getParameters();
            lines.add(params == null || params.length == 0 ? r.getMessage()
                    : java.text.MessageFormat.format(r.getMessage(), params));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }

        boolean contains(String text) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }
    }

    @Test
    void objectOutsideTheAllowListSentToAPoolIsRejectedAndThePoolStaysUp() throws Exception {
        GADGET_RAN.set(false);
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", server.port());
        RemotePool stub = (RemotePool) registry.lookup("pools/orders");
        try (CapturedLog log = new CapturedLog()) {
            // Where the login's frame belongs, a serialized object: RMI reads it, the filter stops it.
            assertThrows(RemoteException.class, () -> RmiSmuggler.login(stub, new Gadget()));
            assertFalse(GADGET_RAN.get(), "the gadget must never be instantiated in the daemon");
            assertTrue(log.contains("class " + Gadget.class.getName() + " is not on the allow-list"), log.lines.toString());
            // The records themselves are not Serializable: not even a client can put one in a stream.
            LoginRequest login = new LoginRequest(Protocol.VERSION, "app", "secret".toCharArray(), null);
            RemoteException unsent = assertThrows(RemoteException.class, () -> RmiSmuggler.login(stub, login));
            assertInstanceOf(java.io.NotSerializableException.class, unsent.getCause(), unsent.toString());
            // Before anyone logged in, RMI admits small arguments only: a large frame is refused unread.
            assertThrows(RemoteException.class, () -> stub.login(new byte[1 << 20]));
            assertTrue(log.contains("array of 1048576 elements, limit 131072"), log.lines.toString());
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
    }

    @Test
    void malformedFramesAreAnsweredWithAProtocolErrorLoggedAndThePoolStaysUp() throws Exception {
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", server.port());
        RemotePool stub = (RemotePool) registry.lookup("pools/orders");
        try (CapturedLog log = new CapturedLog()) {
            byte[] login = Wire.encode(new LoginRequest(Protocol.VERSION, "app", "secret".toCharArray(), null));
            LoginReply ok = Wire.decodeLoginReply(stub.login(login));
            assertNull(ok.error());
            // Released after it ran (releaseWhenIdle): a session left open would count in later tests until its lease ends.
            byte[] call = Wire.encode(new Call(0, 1, Borrow.DEFAULT, true,
                    List.of(new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select ?", new Object[] {1}, 0, 0, 0,
                            null))));
            try (RawChannel channel = RawChannel.connect("127.0.0.1", server.port())) {
                assertNull(channel.hello("orders", ok.ticket()).error());
                for (byte[] bad : List.of(new byte[0], java.util.Arrays.copyOf(call, call.length - 3),
                        hostileLength(call), otherVersion(call), new byte[] {(byte) Protocol.VERSION, 4})) {
                    Reply reply = Wire.decodeReply(channel.call(bad));
                    assertEquals(0, reply.session());
                    assertEquals(Protocol.STATE_PROTOCOL_VIOLATION, reply.error().sqlState(), reply.error().message());
                }
                assertNull(Wire.decodeReply(channel.call(call)).error(), "the channel serves on after bad frames");
            }
            assertTrue(log.contains("poold rejected a call frame for pool orders"), log.lines.toString());
            assertTrue(log.contains("truncated call frame"), log.lines.toString());
            assertTrue(log.contains("protocol version 99"), log.lines.toString());
            LoginReply refused = Wire.decodeLoginReply(stub.login(new byte[] {1, 2, 3}));
            assertEquals(Protocol.STATE_PROTOCOL_VIOLATION, refused.error().sqlState());
            assertNull(refused.ticket());
            assertEquals(Protocol.STATE_PROTOCOL_VIOLATION, Wire.decodeLoginReply(stub.login(null)).error().sqlState());
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
    }

    @Test
    void aCallChannelOpensOnlyWithALiveTicketAndReadsNothingLargeBeforeIt() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            try (RawChannel stranger = RawChannel.connect("127.0.0.1", server.port())) {
                LoginReply refused = stranger.hello("orders", new byte[Protocol.TICKET_BYTES]);
                assertEquals(Protocol.STATE_AUTH, refused.error().sqlState(), refused.error().message());
                assertTrue(stranger.closedByPeer(), "a refused channel is closed");
            }
            try (RawChannel unknownPool = RawChannel.connect("127.0.0.1", server.port())) {
                assertEquals(Protocol.STATE_AUTH, unknownPool.hello("nope", new byte[Protocol.TICKET_BYTES]).error().sqlState());
            }
            // A hello announcing a 64 KiB pool name: refused by its length, before anything is read or allocated.
            try (RawChannel hostile = RawChannel.connect("127.0.0.1", server.port())) {
                hostile.send(new byte[] {'P', 'L', 'D', 'C', (byte) Protocol.VERSION, (byte) 0xFF, (byte) 0xFF});
                assertTrue(hostile.closedByPeer());
            }
            assertTrue(log.contains("hello's pool name is 65535 bytes, limit 1024"), log.lines.toString());
            // After a good hello, a length beyond any frame closes the channel unread.
            byte[] ticket = Wire.decodeLoginReply(((RemotePool) LocateRegistry.getRegistry("127.0.0.1", server.port())
                    .lookup("pools/orders")).login(Wire.encode(new LoginRequest(Protocol.VERSION, "app",
                    "secret".toCharArray(), null)))).ticket();
            try (RawChannel greedy = RawChannel.connect("127.0.0.1", server.port())) {
                assertNull(greedy.hello("orders", ticket).error());
                greedy.send(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
                assertTrue(greedy.closedByPeer());
            }
            assertTrue(log.contains("frame of 2147483647 bytes, limit " + Wire.MAX_FRAME), log.lines.toString());
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next(), "still serving");
        }
    }

    /**
     * No negotiation (docs/protocol.md section 12): a client of the last protocol version (7, before
     * further results streamed) is refused at login and at hello with both versions named, and a
     * client reading a newer daemon's answer names both too.
     */
    @Test
    void aClientOfAnotherProtocolVersionIsToldBothVersions() throws Exception {
        int older = Protocol.VERSION - 1;
        RemotePool stub = (RemotePool) LocateRegistry.getRegistry("127.0.0.1", server.port()).lookup("pools/orders");
        byte[] login = Wire.encode(new LoginRequest(Protocol.VERSION, "app", "secret".toCharArray(), null));
        login[0] = (byte) older;
        try (CapturedLog log = new CapturedLog()) {
            LoginReply refused = Wire.decodeLoginReply(stub.login(login));
            assertNull(refused.ticket());
            assertEquals(Protocol.STATE_PROTOCOL_VIOLATION, refused.error().sqlState());
            assertTrue(refused.error().message().contains("protocol version " + older + ", this side speaks "
                    + Protocol.VERSION), refused.error().message());
        }
        byte[] ticket = Wire.decodeLoginReply(stub.login(Wire.encode(new LoginRequest(Protocol.VERSION, "app",
                "secret".toCharArray(), null)))).ticket();
        byte[] hello = RawChannel.helloBytes("orders", ticket);
        hello[4] = (byte) older; // after the four bytes of magic
        try (RawChannel channel = RawChannel.connect("127.0.0.1", server.port())) {
            channel.send(hello);
            LoginReply answer = Wire.decodeLoginReply(channel.awaitFrame(10_000));
            assertEquals(Protocol.STATE_PROTOCOL_VIOLATION, answer.error().sqlState());
            assertTrue(answer.error().message().contains("poold speaks protocol " + Protocol.VERSION + ", the client "
                    + older), answer.error().message());
        }
        byte[] newer = Wire.encode(LoginReply.refused(SqlError.of(SqlError.Kind.NON_TRANSIENT_CONNECTION, "08P01", "x")));
        newer[0] = (byte) (Protocol.VERSION + 1);
        pool.protocol.WireException e = assertThrows(pool.protocol.WireException.class, () -> Wire.decodeLoginReply(newer));
        assertTrue(e.getMessage().contains("protocol version " + (Protocol.VERSION + 1) + ", this side speaks "
                + Protocol.VERSION), e.getMessage());
    }

    /** {@code frame} with its count of operations made huge: the daemon must refuse it, not allocate for it. */
    private static byte[] hostileLength(byte[] frame) {
        // Version, kind, session, handle, flags, the borrow's intent, priority and timeout (-1: one byte).
        int count = 22;
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(frame, 0, count);
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}); // 2^31 - 1
        b.write(frame, count + 1, frame.length - count - 1);
        return b.toByteArray();
    }

    private static byte[] otherVersion(byte[] frame) {
        byte[] b = frame.clone();
        b[0] = 99;
        return b;
    }

    @Test
    void objectOutsideTheAllowListSentToTheRegistryIsRejected() throws Exception {
        GADGET_RAN.set(false);
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", server.port());
        Remote smuggler = (Remote) Proxy.newProxyInstance(Remote.class.getClassLoader(), new Class<?>[] {Remote.class},
                new Gadget());
        assertThrows(RemoteException.class, () -> registry.bind("evil", smuggler));
        assertFalse(GADGET_RAN.get(), "the gadget must never be instantiated by the registry");
        assertFalse(List.of(registry.list()).contains("evil"));
    }

    private static final String SLOW = "select sum(a.x * b.x) from system_range(1, 10000) a, system_range(1, 10000) b";

    /** @return whether an H2 session of the pool executes {@code sql} now */
    private static boolean running(String sql) throws SQLException {
        try (Connection c = pool.direct();
             PreparedStatement ps = c.prepareStatement(
                     "select count(*) from information_schema.sessions where executing_statement = ?")) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0;
            }
        }
    }

    @Test
    @Timeout(60)
    void cancelFromAnotherThreadStopsARunningStatement() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    Await.until("the slow statement running in the daemon", Duration.ofSeconds(30), () -> running(SLOW));
                    s.cancel();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            canceller.start();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(SLOW));
            assertEquals("57014", e.getSQLState(), e.getMessage());
            canceller.join();
            assertTrue(c.isValid(1));
        }
    }

    @Test
    @Timeout(60)
    void queryTimeoutIsEnforcedByTheDaemonsDriver() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(SLOW));
            assertEquals("57014", e.getSQLState(), e.getMessage());
        }
    }

    @Test
    void theJdksOwnRmiRegistryContextFindsThePoolWithTheFactoryNamed() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.rmi.registry.RegistryContextFactory");
        env.put(Context.PROVIDER_URL, "rmi://127.0.0.1:" + server.port());
        env.put(Context.OBJECT_FACTORIES, RemoteDataSourceFactory.class.getName());
        env.put(Context.SECURITY_PRINCIPAL, "app");
        env.put(Context.SECURITY_CREDENTIALS, "secret");
        InitialContext ctx = new InitialContext(env);
        // One name component: the JDK's context would read "pools/orders" as two.
        DataSource orders = (DataSource) ctx.lookup(new javax.naming.CompositeName().add("pools/orders"));
        try (Connection c = orders.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 7")) {
            assertTrue(rs.next());
            assertEquals(7, rs.getInt(1));
        }
        ctx.close();
        ((RemoteDataSource) orders).close();
    }

    @Test
    void aFullRmiNameLooksUpThePoolOfItsOwnRegistryWhateverTheProviderUrl() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.PROVIDER_URL, "rmi://127.0.0.1:1"); // another registry: the name's own wins
        env.put(Context.OBJECT_FACTORIES, RemoteDataSourceFactory.class.getName());
        env.put(Context.SECURITY_PRINCIPAL, "app");
        env.put(Context.SECURITY_CREDENTIALS, "secret");
        InitialContext ctx = new InitialContext(env);
        DataSource orders = (DataSource) ctx.lookup("rmi://127.0.0.1:" + server.port() + "/pools/orders");
        try (Connection c = orders.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 8")) {
            assertTrue(rs.next());
            assertEquals(8, rs.getInt(1));
        }
        ctx.close();
        ((RemoteDataSource) orders).close();
    }

    @Test
    void theRegistryOnlyAdmitsStrings() {
        assertEquals("maxdepth=4;maxrefs=16;maxbytes=4096;maxarray=256;java.lang.String;!*",
                System.getProperty("sun.rmi.registry.registryFilter"));
        assertEquals("127.0.0.1", System.getProperty("java.rmi.server.hostname"));
    }

    @Test
    void columnsTravelOncePerStatementTextWhileTheyStayTheSame() throws Exception {
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", server.port());
        RemotePool stub = (RemotePool) registry.lookup("pools/orders");
        byte[] ticket = Wire.decodeLoginReply(stub.login(Wire.encode(new LoginRequest(Protocol.VERSION, "app",
                "secret".toCharArray(), null)))).ticket();
        String sql = "select id, label from big where id = ?";
        Op.Execute query = new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, sql, new Object[] {1}, 0, 0, 0, null);

        Result.Executed first = execute(ticket, query);
        assertEquals(2, first.rows().columns().size());
        assertTrue(first.columnsId() != 0);
        Result.Executed again = execute(ticket, query.withKnownColumns(first.columnsId()));
        assertNull(again.rows().columns(), "the client holds them: rows only");
        assertEquals(first.columnsId(), again.columnsId());
        assertEquals("row 1", first.rows().data()[0][1]);
        assertEquals("row 1", again.rows().data()[0][1]);
        Result.Executed stale = execute(ticket, query.withKnownColumns(first.columnsId() + 1));
        assertEquals(first.rows().columns(), stale.rows().columns(), "another id: the columns travel");
        Result.Executed otherSql = execute(ticket, new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY,
                sql + " ", new Object[] {1}, 0, 0, 0, null, first.columnsId()));
        assertEquals(2, otherSql.rows().columns().size(), "ids name columns of one statement text");
    }

    private static Result.Executed execute(byte[] ticket, Op.Execute op) throws Exception {
        Reply reply;
        try (RawChannel channel = RawChannel.connect("127.0.0.1", server.port())) {
            assertNull(channel.hello("orders", ticket).error());
            reply = Wire.decodeReply(channel.call(Wire.encode(new Call(0,
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(), Borrow.DEFAULT, true, List.of(op)))));
        }
        assertNull(reply.error());
        assertEquals(0, reply.session(), "released after the call");
        return (Result.Executed) reply.results().get(0);
    }

    @Test
    void aStatementWhoseColumnsChangeGetsTheNewOnes() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table shifting (a int)");
            try {
                for (int round = 0; round < 2; round++) {
                    try (PreparedStatement ps = c.prepareStatement("select * from shifting");
                         ResultSet rs = ps.executeQuery()) {
                        assertEquals(1, rs.getMetaData().getColumnCount());
                        assertEquals("A", rs.getMetaData().getColumnLabel(1));
                    }
                }
                s.execute("alter table shifting add column b varchar(10)");
                try (PreparedStatement ps = c.prepareStatement("select * from shifting"); ResultSet rs = ps.executeQuery()) {
                    assertEquals(2, rs.getMetaData().getColumnCount());
                    assertEquals("B", rs.getMetaData().getColumnLabel(2));
                    assertEquals(10, rs.getMetaData().getPrecision(2));
                }
                s.execute("alter table shifting alter column b varchar(20)");
                try (PreparedStatement ps = c.prepareStatement("select * from shifting"); ResultSet rs = ps.executeQuery()) {
                    assertEquals(20, rs.getMetaData().getPrecision(2), "a changed precision is a changed column set");
                }
            } finally {
                s.execute("drop table shifting");
            }
        }
    }

    @Test
    void closingAPartlyReadResultSetCostsNoCallOfItsOwn() throws Exception {
        try (Connection warm = ds.getConnection()) {
            warm.isValid(1);
        }
        long before = ds.stats().roundTrips();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.setFetchSize(100);
            try (ResultSet rs = s.executeQuery("select id from big")) { // call 1: borrow, execute, first 100 rows
                assertTrue(rs.next());
            } // the close of the open cursor is deferred...
            try (ResultSet rs = s.executeQuery("select 1")) { // call 2: ...and rides along here
                assertTrue(rs.next());
            }
        } // call 3: release
        assertEquals(3, ds.stats().roundTrips() - before);
    }

    @Test
    void callableStatementsReturnOutParameters() throws Exception {
        try (Connection c = ds.getConnection(); java.sql.CallableStatement cs = c.prepareCall("{? = call abs(cast(? as int))}")) {
            cs.registerOutParameter(1, Types.INTEGER);
            cs.setInt(2, -5);
            cs.execute();
            assertEquals(5, cs.getInt(1));
            assertFalse(cs.wasNull());
        }
    }

    @Test
    void statementsReturnGeneratedKeysToo() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("insert into typed(s) values ('plain')", Statement.RETURN_GENERATED_KEYS));
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertTrue(keys.getLong(1) > 0);
            }
        }
    }

    @Test
    @Timeout(120)
    void manyThreadsShareCallChannelsWithoutEverSeeingAnotherCallsReply() throws Exception {
        int threads = 32;
        int cycles = 300;
        try (RemoteDataSource shared = RemoteDataSource.builder(url()).user("app").password("secret")
                .releaseBetweenStatements(true).build()) {
            Hammer.run(threads, cycles, (thread, i) -> {
                long mine = thread * 1_000_000L + i; // a reply for another call would show another value
                try (Connection c = shared.getConnection();
                     PreparedStatement ps = c.prepareStatement("select cast(? as bigint)")) {
                    ps.setLong(1, mine);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(mine, rs.getLong(1));
                    }
                }
            });
            assertTrue(shared.stats().channels() <= threads, "a channel per call in flight at most: "
                    + shared.stats().channels());
            assertEquals(0, shared.stats().linkFailures());
        }
        assertEquals(0, server.openSessions("orders"));
    }

    private static void awaitNoOpenSessions() throws Exception {
        Await.until("no open session of earlier tests", LEASE.multipliedBy(3), () -> server.openSessions("orders") == 0);
    }

    @Test
    void releaseBetweenStatementsMakesTheCommonPathOneRoundTrip() throws Exception {
        try (RemoteDataSource pooling = RemoteDataSource.builder(url()).user("app").password("secret")
                .releaseBetweenStatements(true).build()) {
            try (Connection warm = pooling.getConnection()) {
                warm.isValid(1);
            }
            // Closed connections go back in a call of the release ticker, this data source's and
            // those of the tests before; an earlier test's session may be open until its lease
            // ends: let all of them land before counting sessions.
            awaitNoOpenSessions();
            long before = pooling.stats().roundTrips();
            try (Connection c = pooling.getConnection();
                 PreparedStatement ps = c.prepareStatement("select label from big where id = ?")) {
                ps.setInt(1, 42);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("row 42", rs.getString(1));
                }
                assertEquals(0, server.openSessions("orders"), "the connection went back right after the query");
                ps.setInt(1, 43);
                try (ResultSet rs = ps.executeQuery()) { // borrows again, in the same call
                    assertTrue(rs.next());
                    assertEquals("row 43", rs.getString(1));
                }
            }
            assertEquals(2, pooling.stats().roundTrips() - before, "one call per statement, none for close");

            try (Connection c = pooling.getConnection()) { // a transaction keeps its connection
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("insert into item(id, name) values (600, 'pooled tx')");
                    assertEquals(1, server.openSessions("orders"));
                    s.executeUpdate("insert into item(id, name) values (601, 'pooled tx 2')");
                }
                c.rollback();
            }
            assertEquals(0, count("id in (600, 601)"));
        }
    }

    @Test
    void aConnectionDroppedWithoutCloseIsReclaimedAfterItIsCollected() throws Exception {
        RemoteDataSource careless = dataSource("secret");
        try {
            awaitNoOpenSessions();
            int before = server.openSessions("orders");
            borrowAndDrop(careless);
            assertEquals(before + 1, server.openSessions("orders"));
            Await.until("the dropped connection's session reclaimed", LEASE.multipliedBy(10), () -> {
                System.gc(); // the collected connection's lease is no longer renewed
                return server.openSessions("orders") == before;
            });
        } finally {
            careless.close();
        }
    }

    private static void borrowAndDrop(RemoteDataSource source) throws SQLException {
        Connection c = source.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into item(id, name) values (700, 'never closed')");
        }
        // c is dropped here without close(), as a buggy application would
    }
}
