package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import pool.client.RemoteDataSource;
import pool.daemon.config.TestFiles;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Reply;
import pool.protocol.Wire;
import pool.remote.PasswordHash;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.rmi.RawChannel;
import pool.testsupport.rmi.RmiSmuggler;

/**
 * Remote JDBC end to end, as an application server meets it: the packaged daemon
 * ({@code target/poold/bin/poold}) in its own process with a 64 MB heap, a real
 * database behind it, and clients looking pools up through JNDI, some of them in JVMs
 * of their own. {@link RemotePostgresIT} and {@link RemoteMariaDbIT} run these on each
 * database; what differs between the two is in the abstract methods.
 *
 * <p>One daemon serves the class; the restart test starts a second of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class RemoteJdbcScenarios {

    static final Duration LEASE = Duration.ofSeconds(2);
    static final int BIG_ROWS = 200_000;

    final String password = UUID.randomUUID().toString();
    /** The client users' hashes, made once: a hash made again is a changed password to a reload. */
    private final String hash = PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    /** A second client user, whose password a reload changes. */
    private volatile String rotatingHash = PasswordHash.create("rotating-1".toCharArray(), PasswordHash.MIN_ITERATIONS)
            .encoded();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String item = "e2e_item_" + run;
    final String big = "e2e_big_" + run;
    private Path work;
    private int jmxPort;
    int port;
    private PooldProcess daemon;
    private Context jndi;

    /** @return the server the daemon's pools use */
    abstract DatabaseServer server();

    /** @return the pool's driver attribute */
    abstract String driver();

    /** @return the SQLState of a unique-key violation, and its vendor code (0 when the database has none) */
    abstract String uniqueViolationState();

    abstract int uniqueViolationVendorCode();

    /**
     * Fills {@code table(id, label)} with ids 1..{@link #BIG_ROWS} and labels of about 210
     * characters: some 45 MB of text, more than a 64 MB heap can hold at once beside
     * everything else, so only a result that streams can be read.
     */
    abstract void fillBig(Statement s, String table) throws SQLException;

    /** @return a query that runs for about {@code seconds} */
    abstract String sleep(int seconds);

    /** @return whether a session of the pools' user runs {@link #sleep}'s query now */
    abstract boolean sleeping(Connection admin) throws SQLException;

    /** @return the column type of a Blob/Clob set with setBlob/setClob: PostgreSQL's large objects ({@code oid}), MariaDB's LONGBLOB */
    abstract String lobType(boolean characters);

    /** @return the column type of bytes and text set with the stream setters: bytea/text, LONGBLOB/LONGTEXT */
    abstract String streamType(boolean characters);

    /** @return whether the database keeps LOBs apart from their rows (large objects), so the daemon never holds one whole */
    abstract boolean lobsStreamFromTheDatabase();

    /** @return how many transactions of the pools' database user are open on the server now */
    abstract int openTransactions(Connection admin) throws SQLException;

    /**
     * @return SQL that inserts rows {@code from..to} into {@code table(id, name)} and returns
     *         their ids, one row each
     */
    abstract String insertReturning(String table, int from, int to);

    /**
     * @return whether a query of {@code table} whose text contains {@code marker} is still
     *         open in a session of the pools' user: its result not yet all sent (MariaDB), or
     *         its portal suspended in a transaction (PostgreSQL)
     */
    abstract boolean statementOpenOnServer(Connection admin, String table, String marker) throws SQLException;

    // ---------------------------------------------------------------- set-up

    @BeforeAll
    void startDaemon() throws Exception {
        DatabaseServer db = server();
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + item + "(id int primary key, name varchar(100) not null unique)");
            s.execute("create table " + big + "(id int primary key, label varchar(250) not null)");
            fillBig(s, big);
        }
        work = Files.createTempDirectory("poold-e2e-");
        port = FreePorts.loopback();
        jmxPort = FreePorts.loopback();
        Path config = writeConfig(port);
        daemon = startDaemon(config);
        jndi = context(password);
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (jndi != null) {
            jndi.close();
        }
        if (daemon != null) {
            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
        try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
            s.execute("drop table " + item);
            s.execute("drop table " + big);
        }
    }

    private Path writeConfig(int registryPort) throws IOException {
        DatabaseServer db = server();
        Path dbPassword = DaemonFiles.dbPassword(work, db);
        String pool = """
                  <pool name="%s" driver="%s">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <minIdle>1</minIdle>
                    <maxSize>%d</maxSize>
                    <borrowTimeout>20s</borrowTimeout>
                    <reaperInterval>200ms</reaperInterval>
                    <clientUsers>app rotating</clientUsers>
                  </pool>
                """;
        // The shared daemon's own file (which its reloads read again), or one of a daemon of its own.
        return Files.writeString(work.resolve(registryPort == port ? "pools.xml" : "pools-" + registryPort + ".xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <rmiRegistryPort>%d</rmiRegistryPort>
                    <jmxPort>%d</jmxPort>
                    <drainTimeout>5s</drainTimeout>
                    <remoteLease>%s</remoteLease>
                  </daemon>
                  <clients><user name="app" hash="%s"/><user name="rotating" hash="%s"/></clients>
                %s%s</poold>
                """.formatted(registryPort, registryPort == port ? jmxPort : FreePorts.loopback(), LEASE.toSeconds() + "s",
                hash, rotatingHash,
                pool.formatted("orders", driver(), db.jdbcUrl(), db.user(), dbPassword, 4),
                pool.formatted("tiny", driver(), db.jdbcUrl(), db.user(), dbPassword, 1)));
    }

    private PooldProcess startDaemon(Path config) throws Exception {
        Files.createDirectories(spoolDir());
        // poold.test.daemonJavaOpts: more options for measuring, e.g. -Xlog:gc or -XX:+HeapDumpOnOutOfMemoryError.
        return PooldProcess.startReady(work, Map.of("POOLD_JAVA_OPTS", "-Xmx64m -Dpoold.remote.spoolDir=" + spoolDir()
                + " " + System.getProperty("poold.test.daemonJavaOpts", "")), config);
    }

    /** Where the daemon spools LOB parameters. */
    Path spoolDir() {
        return work.resolve("spool");
    }

    private Context context(String pw) throws Exception {
        return context(port, pw);
    }

    private static Context context(int registryPort, String pw) throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        env.put(Context.PROVIDER_URL, "poold://127.0.0.1:" + registryPort);
        env.put(Context.SECURITY_PRINCIPAL, "app");
        env.put(Context.SECURITY_CREDENTIALS, pw);
        return new InitialContext(env);
    }

    DataSource orders() throws Exception {
        return (DataSource) jndi.lookup("orders");
    }

    int count(String where) throws SQLException {
        try (Connection c = server().openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + item + " where " + where)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** @return the single integer {@code sql} answers, run on {@code admin} with {@code args} bound in order */
    static int queryInt(Connection admin, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    void jndiLookupGivesADataSourceForCrud() throws Exception {
        DataSource ds = orders();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ins = c.prepareStatement("insert into " + item + "(id, name) values (?, ?)")) {
                ins.setInt(1, 1);
                ins.setString(2, "apple");
                assertEquals(1, ins.executeUpdate());
            }
            try (PreparedStatement upd = c.prepareStatement("update " + item + " set name = ? where id = ?")) {
                upd.setString(1, "pear");
                upd.setInt(2, 1);
                assertEquals(1, upd.executeUpdate());
            }
            try (PreparedStatement sel = c.prepareStatement("select name from " + item + " where id = ?")) {
                sel.setInt(1, 1);
                try (ResultSet rs = sel.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("pear", rs.getString("name"));
                    assertFalse(rs.next());
                }
            }
            assertEquals(1, count("id = 1 and name = 'pear'"), "autocommit: visible in the database at once");
            try (Statement del = c.createStatement()) {
                assertEquals(1, del.executeUpdate("delete from " + item + " where id = 1"));
            }
        }
        assertEquals(0, count("id = 1"));
    }

    @Test
    void committedRowsStayAndRolledBackRowsDoNot() throws Exception {
        try (Connection c = orders().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into " + item + "(id, name) values (100, 'kept')");
                assertEquals(0, count("id = 100"), "not visible to others before commit");
                c.commit();
                s.executeUpdate("insert into " + item + "(id, name) values (101, 'dropped')");
                c.rollback();
            }
        }
        assertEquals(1, count("id = 100"));
        assertEquals(0, count("id = 101"));
    }

    @Test
    void uniqueViolationArrivesWithTheDatabasesSqlState() throws Exception {
        try (Connection c = orders().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into " + item + "(id, name) values (200, 'unique-name')");
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("insert into " + item + "(id, name) values (201, 'unique-name')"));
            assertEquals(uniqueViolationState(), e.getSQLState(), e.getMessage());
            assertEquals(uniqueViolationVendorCode(), e.getErrorCode(), e.getMessage());
        }
    }

    @Test
    void borrowPreparedQueryReadAndReturnCostAtMostTwoRoundTrips() throws Exception {
        RemoteDataSource ds = (RemoteDataSource) orders();
        try (Connection warm = ds.getConnection(); Statement s = warm.createStatement()) {
            s.executeQuery("select 1").close(); // lookup and login happen once per data source
        }
        long before = ds.stats().roundTrips();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, label from " + big + " where id between ? and ?")) {
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
        long calls = ds.stats().roundTrips() - before;
        assertTrue(calls <= 2, "borrow, prepared query, rows and return took " + calls + " round trips");
    }

    @Test
    void twoHundredThousandRowsStreamThroughSmallHeapsOnBothSides() throws Exception {
        readBigInAClientJvm("transaction");
    }

    /**
     * The same in autocommit, as most applications read. PostgreSQL's driver reads a whole
     * result into memory in autocommit whatever the fetch size, so the daemon runs such a
     * query in a transaction of its own; MariaDB's driver streams in autocommit by itself.
     */
    @Test
    void twoHundredThousandRowsStreamThroughSmallHeapsOnBothSidesInAutocommit() throws Exception {
        readBigInAClientJvm("autocommit");
        try (Connection admin = server().adminConnection()) {
            assertEquals(0, openTransactions(admin), "the daemon left no transaction open");
        }
    }

    private void readBigInAClientJvm(String mode) throws Exception {
        // The daemon runs with -Xmx64m (and exits on OutOfMemoryError); so does this client.
        ClientProcess reader = ClientProcess.start(work, password, "read", Integer.toString(port), "orders", big, "1000",
                mode);
        assertEquals(0, reader.awaitExit(120), reader.output());
        String out = reader.output();
        assertTrue(out.contains("ROWS " + BIG_ROWS + " SUM " + (long) BIG_ROWS * (BIG_ROWS + 1) / 2), out);
        assertTrue(daemon.isAlive(), "the daemon survived the read: " + daemon.stdout());
        try (Connection c = orders().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + big)) {
            assertTrue(rs.next());
            assertEquals(BIG_ROWS, rs.getInt(1));
        }
    }

    @Test
    void anAutocommitResultStreamsFromTheDatabaseAndNothingStaysOpenAfterIt() throws Exception {
        String marker = "streamed_" + run;
        try (Connection c = orders().getConnection();
             PreparedStatement ps = c.prepareStatement("select id as " + marker + ", label from " + big + " order by id")) {
            assertTrue(c.getAutoCommit());
            ps.setFetchSize(100);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                try (Connection admin = server().adminConnection()) {
                    assertTrue(statementOpenOnServer(admin, big, marker),
                            "after the first batch the database still holds the rest: it streams, the daemon did not read it all");
                }
                assertTrue(c.getAutoCommit(), "the application sees autocommit throughout");
            } // closed long before its end
        }
        try (Connection admin = server().adminConnection()) {
            assertFalse(statementOpenOnServer(admin, big, marker));
            assertEquals(0, openTransactions(admin), "no transaction is left open in the database");
        }
    }

    @Test
    void insertReturningReadInAutocommitIsCommittedWhetherReadToTheEndOrClosedEarly() throws Exception {
        try (Connection c = orders().getConnection(); Statement s = c.createStatement()) {
            s.setFetchSize(10);
            try (ResultSet rs = s.executeQuery(insertReturning(item, 5000, 5099))) { // 100 rows, 10 batches
                for (int i = 0; i < 15; i++) {
                    assertTrue(rs.next());
                }
            }
            assertEquals(100, count("id between 5000 and 5099"), "committed as soon as the result was closed");
            try (Connection admin = server().adminConnection()) {
                assertEquals(0, openTransactions(admin));
            }
            int n = 0;
            try (ResultSet rs = s.executeQuery(insertReturning(item, 5100, 5199))) {
                while (rs.next()) {
                    n++;
                }
            }
            assertEquals(100, n);
            assertEquals(100, count("id between 5100 and 5199"), "committed when its last row was read");
            try (Connection admin = server().adminConnection()) {
                assertEquals(0, openTransactions(admin));
            }
        }
    }

    /**
     * In autocommit every statement is committed when it ends. A statement executed while
     * another one's result is still open ends that one first: its remaining rows are read
     * into the daemon's memory (as MariaDB's driver does by itself), so the application can
     * still read them, and the new statement runs and commits at once.
     */
    @Test
    void aStatementExecutedWhileAnAutocommitResultIsOpenCommitsAtOnceAndTheResultReadsOn() throws Exception {
        try (Connection c = orders().getConnection();
             PreparedStatement read = c.prepareStatement("select id from " + big + " where id <= 5000 order by id");
             Statement write = c.createStatement()) {
            read.setFetchSize(100);
            try (ResultSet rs = read.executeQuery()) {
                long sum = 0;
                int n = 0;
                while (n < 150 && rs.next()) {
                    n++;
                    sum += rs.getInt(1);
                }
                assertEquals(1, write.executeUpdate("insert into " + item + "(id, name) values (5300, 'while-reading')"));
                assertEquals(1, count("id = 5300"), "the second statement committed at once, as in autocommit");
                while (rs.next()) {
                    n++;
                    sum += rs.getInt(1);
                }
                assertEquals(5000, n);
                assertEquals(5000L * 5001 / 2, sum);
            }
            try (Connection admin = server().adminConnection()) {
                assertEquals(0, openTransactions(admin));
            }
        }
    }

    /**
     * The whole 45 MB table left open beside another statement, in autocommit and in a
     * transaction: MariaDB's driver would read the rest into the 64 MB daemon's heap before
     * the second statement, PostgreSQL's when the daemon ends the autocommit result's
     * transaction: either would take more than the heap. The daemon sets the rest aside on
     * disk instead.
     */
    @Test
    void aLargeResultLeftOpenBesideAnotherStatementIsSetAsideOnDiskAndReadsOn() throws Exception {
        for (boolean autoCommit : new boolean[] {true, false}) {
            try (Connection c = orders().getConnection();
                 PreparedStatement read = c.prepareStatement("select id, label from " + big + " order by id");
                 Statement other = c.createStatement()) {
                c.setAutoCommit(autoCommit);
                read.setFetchSize(1000);
                try (ResultSet rs = read.executeQuery()) {
                    long sum = 0;
                    int n = 0;
                    while (n < 10 && rs.next()) {
                        n++;
                        sum += rs.getInt(1);
                    }
                    try (ResultSet one = other.executeQuery("select count(*) from " + item)) {
                        assertTrue(one.next());
                    }
                    // (the file is unlinked as soon as it is open: nothing to see, nothing left by a crash)
                    while (rs.next()) {
                        n++;
                        sum += rs.getInt(1);
                    }
                    assertEquals(BIG_ROWS, n);
                    assertEquals((long) BIG_ROWS * (BIG_ROWS + 1) / 2, sum);
                }
                if (!autoCommit) {
                    c.commit();
                }
            }
            assertTrue(daemon.isAlive(), "the daemon survived: " + daemon.stdout());
            assertSpoolEmpty();
        }
    }

    @Test
    void aClientKilledMidTransactionCommitsNothingAndItsConnectionComesBackWithinTheLease() throws Exception {
        // Pool "tiny" has one connection: the next borrow can only succeed once it is back.
        ClientProcess holder = ClientProcess.start(work, password, "hold", Integer.toString(port), "tiny", item);
        try {
            assertTrue(holder.awaitOutput("HOLDING", 60), holder.output());
            try (Connection admin = server().adminConnection()) {
                assertTrue(openTransactions(admin) >= 1, "the client's transaction is open in the database");
            }
        } finally {
            holder.kill();
        }
        long killedAt = System.nanoTime();
        try (Connection c = ((DataSource) jndi.lookup("tiny")).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + item + " where id in (9001, 9002)")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1), "the killed client's rows were never committed");
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - killedAt);
        assertTrue(waited.compareTo(LEASE.multipliedBy(2).plusSeconds(2)) < 0,
                "the connection came back after " + waited + ", the lease is " + LEASE);
        assertTrue(daemon.stdout().contains("expired: rolling back and returning its connection"), daemon.stdout());
        assertEquals(0, count("id in (9001, 9002)"));
        try (Connection admin = server().adminConnection()) {
            assertEquals(0, openTransactions(admin), "no transaction is left open in the database");
        }
    }

    /** @return the SQLState of a wrong password as the pool's own driver says it */
    private String wrongPasswordState() {
        return driver().equals("postgresql") ? "28P01" : "28000";
    }

    @Test
    void wrongPasswordFailsWithTheDriversSqlState() throws Exception {
        Context wrong = context("not-" + password);
        try {
            DataSource ds = (DataSource) wrong.lookup("orders");
            SQLException e = assertThrows(SQLException.class, ds::getConnection);
            assertEquals(wrongPasswordState(), e.getSQLState(), e.getMessage());
        } finally {
            wrong.close();
        }
        assertTrue(daemon.awaitOutput("failed remote login to pool orders as user app", 10), daemon.stdout());
    }

    /** A serializable invocation handler: what a deserialization gadget chain hangs on. */
    static final class Handler implements InvocationHandler, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return null;
        }
    }

    @Test
    void objectsOutsideTheAllowListAreRejectedLoggedAndTheDaemonServesOn() throws Exception {
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", port);
        // To the registry: a bind carries a Remote proxy; only a lookup or a list may come in,
        // so the connection is closed at the bind's header, before its object is read.
        Remote smuggler = (Remote) Proxy.newProxyInstance(Remote.class.getClassLoader(), new Class<?>[] {Remote.class},
                new Handler());
        assertThrows(RemoteException.class, () -> registry.bind("evil", smuggler));
        assertFalse(List.of(registry.list()).contains("evil"));
        assertTrue(daemon.awaitOutput("a call to the RMI registry other than lookup and list", 10), daemon.stdout());

        // To a pool: the shape of the well-known URLDNS gadget (a HashMap keyed by a URL, whose
        // hashCode resolves the host on deserialization), serialized where a login's frame
        // belongs, as a client writing its own RMI stream could. Both are JDK classes the
        // daemon has; only a byte[] frame (and renew's String and long[]) may come in.
        java.util.HashMap<Object, Object> gadget = new java.util.HashMap<>();
        gadget.put(java.net.URI.create("http://gadget.invalid/").toURL(), "x");
        RemotePool pool = (RemotePool) registry.lookup("pools/orders");
        assertThrows(RemoteException.class, () -> RmiSmuggler.login(pool, gadget));
        assertTrue(daemon.awaitOutput("class java.util.HashMap is not on the allow-list", 10),
                daemon.stdout());

        // A frame that is not one: answered with a protocol error, logged, nothing else happens.
        LoginReply login = Wire.decodeLoginReply(pool.login(
                Wire.encode(new LoginRequest(Protocol.VERSION, "app", password.toCharArray(), null))));
        byte[] frame = Wire.encode(new Call(0, 1, Borrow.DEFAULT, false, List.of(
                new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select ?", new Object[] {1}, 0, 0, 0, null))));
        // The frame ends with the parameter (a tag, 4 bytes), fetch size, max rows, timeout, keys,
        // known columns: overwrite the parameter's tag with one the format does not know.
        frame[frame.length - 10] = (byte) 0xEE;
        Reply refused;
        try (RawChannel channel = RawChannel.connect("127.0.0.1", port)) {
            assertNull(channel.hello("orders", login.ticket()).error());
            refused = Wire.decodeReply(channel.call(frame));
        }
        assertEquals(Protocol.STATE_PROTOCOL_VIOLATION, refused.error().sqlState(), refused.error().message());
        assertTrue(daemon.awaitOutput("poold rejected a call frame for pool orders", 10), daemon.stdout());

        assertTrue(daemon.isAlive());
        try (Connection c = orders().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next(), "still serving");
        }
    }

    @Test
    void abortMarksTheConnectionClosedAtOnceAndLeavesCancelAndReturnToItsExecutor() throws Exception {
        // A pool or server aborts a connection when the daemon or the network may hang: abort
        // itself must not wait for the daemon (RMI's cancel would wait a minute for a hung one).
        DataSource tiny = (DataSource) jndi.lookup("tiny"); // one connection: it must come back
        Connection c = tiny.getConnection();
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
            try (Statement s = c.createStatement()) {
                s.executeQuery(sleep(30)).close();
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try (Connection admin = server().openConnection()) {
            until("the statement runs in the database", Duration.ofSeconds(30), () -> sleeping(admin));
            List<Runnable> executor = new ArrayList<>();
            c.abort(executor::add);
            assertTrue(c.isClosed(), "closed as soon as abort returns");
            // The backend driver's error of a closed connection: pgjdbc's 08003, Connector/J's 08000.
            String state = assertThrows(SQLException.class, c::createStatement).getSQLState();
            assertTrue(state.startsWith("08"), state);
            assertTrue(sleeping(admin), "the cancel is the executor's work, not abort's");
            c.abort(executor::add);
            assertEquals(1, executor.size(), "abort of an aborted connection does nothing");

            executor.forEach(Runnable::run);
            ExecutionException cancelled = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
            assertTrue(cancelled.getCause() instanceof SQLException, String.valueOf(cancelled.getCause()));
            until("the statement ended", Duration.ofSeconds(30), () -> !sleeping(admin));
        }
        assertEquals(7, RemoteClients.echo(tiny, 7), "the pool's one connection came back");
    }

    @Test
    void daemonKilledAndRestartedUnderARunningClient() throws Exception {
        int ownPort = FreePorts.loopback();
        Path config = writeConfig(ownPort);
        PooldProcess first = startDaemon(config);
        Context ctx = context(ownPort, password);
        try {
            RemoteDataSource ds = (RemoteDataSource) ctx.lookup("orders");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
            }
            Connection inFlight = ds.getConnection();
            CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
                try (Statement s = inFlight.createStatement()) {
                    s.executeQuery(sleep(30)).close();
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            try (Connection admin = server().openConnection()) {
                until("the call runs in the database", Duration.ofSeconds(30), () -> sleeping(admin));
            }
            first.kill9();

            ExecutionException failed = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
            SQLException e = (SQLException) failed.getCause();
            assertEquals("08006", e.getSQLState(), e.getMessage());
            inFlight.close();

            PooldProcess second = startDaemon(config);
            try {
                long lookupsBefore = ds.stats().lookups();
                try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select 2")) {
                    assertTrue(rs.next());
                    assertEquals(2, rs.getInt(1), "the same data source works again, no new JNDI lookup");
                }
                assertEquals(lookupsBefore + 1, ds.stats().lookups(), "it looked the pool up again by itself");
            } finally {
                second.signal("TERM");
                assertEquals(0, second.awaitExit(), second.stdout() + second.stderr());
            }
        } finally {
            ctx.close();
            first.close();
        }
    }

    // ---------------------------------------------------------------- LOBs and scrolling

    private static String text(int chars) {
        StringBuilder b = new StringBuilder(chars);
        String unit = "Grüße, 日本語, 𝄞 and ASCII; ";
        while (b.length() < chars) {
            b.append(unit);
        }
        return b.substring(0, chars - (Character.isHighSurrogate(b.charAt(chars - 1)) ? 1 : 0));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }

    @Test
    void lobsAndStreamsOfSeveralMegabytesRoundTripThroughEverySetterAndGetter() throws Exception {
        String table = "e2e_lob_" + run;
        try (Connection c = orders().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + "(id int primary key, b " + lobType(false) + ", cl " + lobType(true)
                    + ", bin " + streamType(false) + ", txt " + streamType(true) + ")");
            c.setAutoCommit(false);
            // Each over the 1 MiB sent inline (characters count two bytes), so each goes in chunks. Rows of
            // some 6 MB on MariaDB, whose driver holds a row whole: a reply carries one such row (a batch
            // ends at 4 MiB), so the daemon's 64 MB hold them with room to spare (it passes at -Xmx32m).
            byte[] blobBytes = bytes(2 << 20);
            String clobText = "plain ASCII text of a Clob. ".repeat(40_000); // PostgreSQL's Clob length counts bytes
            byte[] binBytes = bytes(1_500_000);
            String txt = text(600_000);
            java.sql.Blob blob = c.createBlob();
            blob.setBytes(1, blobBytes);
            java.sql.Clob clob = c.createClob();
            clob.setString(1, clobText);
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + " values (?, ?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setBlob(2, blob);
                ps.setClob(3, clob);
                ps.setBinaryStream(4, new java.io.ByteArrayInputStream(binBytes));
                ps.setCharacterStream(5, new java.io.StringReader(txt));
                assertEquals(1, ps.executeUpdate());
                ps.setInt(1, 2); // the same parameters again: a second execution sends them again
                assertEquals(1, ps.executeUpdate());
                ps.setInt(1, 3);
                ps.setNull(2, java.sql.Types.BLOB);
                ps.setClob(3, new java.io.StringReader("short"), 5);
                ps.setBytes(4, new byte[0]);
                ps.setString(5, "");
                assertEquals(1, ps.executeUpdate());
            }
            blob.free();
            clob.free();
            c.commit();
            try (ResultSet rs = s.executeQuery("select id, b, cl, bin, txt from " + table + " order by id")) {
                for (int id = 1; id <= 2; id++) {
                    assertTrue(rs.next());
                    java.sql.Blob b = rs.getBlob(2);
                    assertEquals(blobBytes.length, b.length());
                    assertArrayEquals(java.util.Arrays.copyOfRange(blobBytes, 9, 14), b.getBytes(10, 5));
                    assertArrayEquals(blobBytes, b.getBinaryStream().readAllBytes());
                    java.sql.Clob cl = rs.getClob(3);
                    assertEquals(clobText.length(), cl.length());
                    assertEquals(clobText.substring(99, 120), cl.getSubString(100, 21));
                    assertEquals(clobText, cl.getSubString(1, (int) cl.length()));
                    assertArrayEquals(binBytes, rs.getBytes(4));
                    assertArrayEquals(binBytes, rs.getBlob(4).getBinaryStream().readAllBytes());
                    assertEquals(txt, rs.getString(5));
                    java.sql.Clob t = rs.getClob(5);
                    assertEquals(txt.length(), t.length());
                    assertEquals(txt, new String(readAll(t.getCharacterStream())));
                    b.free();
                    cl.free();
                    assertThrows(SQLException.class, () -> b.length(), "a freed Blob");
                }
                assertTrue(rs.next());
                assertNull(rs.getBlob(2));
                assertEquals("short", rs.getClob(3).getSubString(1, 5));
                assertEquals(0, rs.getBlob(4).length());
                assertEquals(0, rs.getClob(5).length());
            }
            c.commit();
        } finally {
            try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
                s.execute("drop table " + table);
            }
        }
        assertSpoolEmpty();
    }

    private static char[] readAll(java.io.Reader r) throws IOException {
        java.io.CharArrayWriter w = new java.io.CharArrayWriter();
        r.transferTo(w);
        return w.toCharArray();
    }

    void assertSpoolEmpty() throws Exception {
        Await.value("no LOB spool left on the daemon", Duration.ofSeconds(10), () -> {
            try (var files = Files.list(spoolDir())) {
                return files.toList();
            }
        }, List::isEmpty);
    }

    @Test
    void aRowLargerThanTheDaemonsHeapAllowsFailsItsCallAndTheDaemonGoesOn() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(driver().equals("postgresql"),
                "pgjdbc's maxResultBuffer, which the daemon sets; MariaDB's rows are bounded by max_allowed_packet");
        DataSource tiny = (DataSource) jndi.lookup("tiny"); // one connection: it must be replaced
        try (Connection c = tiny.getConnection(); Statement s = c.createStatement()) {
            // 40 MB of bytea come as 80 MB of hex text, more than the daemon's whole heap (-Xmx64m):
            // read, it would end the daemon (ExitOnOutOfMemoryError) and every pool with it.
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs = s.executeQuery("select decode(repeat('ab', 40000000), 'hex')")) {
                    rs.next();
                    rs.getBytes(1);
                }
            });
            assertEquals("08S01", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("maxResultBuffer"), e.getMessage());
        }
        assertTrue(daemon.isAlive(), "the daemon survived: " + daemon.stdout());
        assertEquals(7, RemoteClients.echo(tiny, 7), "the pool replaced its one connection");
    }

    @Test
    void aHundredMegabyteLobPassesThroughSixtyFourMegabyteHeapsOnBothSides() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(lobsStreamFromTheDatabase(),
                "this database's driver holds a LOB value whole in the daemon's heap (see docs/lobs-and-scrolling.md)");
        String table = "e2e_hugelob_" + run;
        try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + "(id int primary key, b " + lobType(false) + ")");
        }
        try {
            ClientProcess writer = ClientProcess.start(work, password, "lob", Integer.toString(port), "orders", table, "100");
            assertEquals(0, writer.awaitExit(300), writer.output());
            String out = writer.output();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("WROTE (\\w+) READ (\\w+) BYTES (\\d+)").matcher(out);
            assertTrue(m.find(), out);
            assertEquals(m.group(1), m.group(2), "what was read is what was written: " + out);
            assertEquals(100L << 20, Long.parseLong(m.group(3)), out);
            assertTrue(out.contains("LENGTH " + (100L << 20)), out);
            assertTrue(daemon.isAlive(), "the daemon survived: " + daemon.stdout());
        } finally {
            try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
                s.execute("drop table " + table);
            }
        }
        assertSpoolEmpty();
    }

    @Test
    void aClientKilledAfterSendingALobLeavesNoSpoolOnTheDaemon() throws Exception {
        String table = "e2e_heldlob_" + run;
        try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + "(id int primary key, b " + lobType(false) + ")");
        }
        try {
            // (its own copy of the Blob, in a temporary file, stays behind: kill -9 runs no clean-up; so in work/)
            ClientProcess holder = ClientProcess.start(work, password, List.of("-Djava.io.tmpdir=" + work), "lobhold",
                    Integer.toString(port), "orders", table, "8");
            assertTrue(holder.awaitOutput("HOLDING", 120), holder.output());
            try (var files = Files.list(spoolDir())) {
                assertEquals(1, files.count(), "the Blob waits in one spool for its batch");
            }
            holder.kill();
            assertSpoolEmpty(); // within the lease (2 s) and the reaper's round
        } finally {
            try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
                s.execute("drop table " + table);
            }
        }
    }

    @Test
    void aScrollInsensitiveResultNavigatesBothWaysAndSpillsBeyondItsMemoryBound() throws Exception {
        try (Connection c = orders().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select id, label from " + big + " order by id",
                    ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(5000);
                assertEquals(ResultSet.TYPE_SCROLL_INSENSITIVE, ps.getResultSetType());
                try (ResultSet rs = ps.executeQuery()) {
                    assertEquals(ResultSet.TYPE_SCROLL_INSENSITIVE, rs.getType());
                    assertTrue(rs.isBeforeFirst());
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                    assertTrue(rs.isFirst());
                    assertTrue(rs.absolute(5000));
                    assertEquals(5000, rs.getInt(1));
                    assertTrue(rs.relative(10));
                    assertEquals(5010, rs.getRow());
                    assertTrue(rs.previous());
                    assertEquals(5009, rs.getInt(1));
                    assertTrue(rs.last()); // all 200,000 rows, some 45 MB: most of them in the temporary file
                    assertEquals(BIG_ROWS, rs.getRow());
                    assertTrue(rs.isLast());
                    assertFalse(rs.next());
                    assertTrue(rs.isAfterLast());
                    assertEquals(0, rs.getRow());
                    assertTrue(rs.absolute(-2));
                    assertEquals(BIG_ROWS - 1, rs.getInt(1));
                    assertTrue(rs.absolute(150_000));
                    assertEquals(150_000, rs.getInt(1));
                    assertTrue(rs.getString(2).startsWith("row 150000"), rs.getString(2));
                    assertTrue(rs.first());
                    assertEquals(1, rs.getInt(1));
                    assertFalse(rs.previous());
                    assertTrue(rs.isBeforeFirst());
                    assertFalse(rs.relative(-5));
                    assertFalse(rs.absolute(BIG_ROWS + 1));
                    assertTrue(rs.isAfterLast());
                    rs.beforeFirst();
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                    rs.afterLast();
                    assertTrue(rs.previous());
                    assertEquals(BIG_ROWS, rs.getInt(1));
                }
            }
            c.commit();
        }
    }

    @Test
    void metadataTellsWhichResultSetsThereAreAndTheRestIsRefusedNamingWhatToUse() throws Exception {
        try (Connection c = orders().getConnection()) {
            java.sql.DatabaseMetaData md = c.getMetaData();
            assertTrue(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
            assertTrue(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
            assertFalse(md.supportsResultSetType(ResultSet.TYPE_SCROLL_SENSITIVE));
            assertTrue(md.supportsResultSetConcurrency(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY));
            assertFalse(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
            assertFalse(md.supportsResultSetConcurrency(ResultSet.TYPE_SCROLL_SENSITIVE, ResultSet.CONCUR_READ_ONLY));
            assertFalse(md.ownUpdatesAreVisible(ResultSet.TYPE_SCROLL_INSENSITIVE));
            assertFalse(md.othersInsertsAreVisible(ResultSet.TYPE_SCROLL_INSENSITIVE));
            assertFalse(md.deletesAreDetected(ResultSet.TYPE_FORWARD_ONLY));
            java.sql.SQLFeatureNotSupportedException sensitive = assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                    () -> c.prepareStatement("select 1", ResultSet.TYPE_SCROLL_SENSITIVE, ResultSet.CONCUR_READ_ONLY));
            assertTrue(sensitive.getMessage().contains("TYPE_SCROLL_INSENSITIVE"), sensitive.getMessage());
            java.sql.SQLFeatureNotSupportedException updatable = assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                    () -> c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
            assertTrue(updatable.getMessage().contains("CONCUR_READ_ONLY"), updatable.getMessage());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                assertThrows(SQLException.class, () -> rs.absolute(1), "a forward-only result does not scroll");
            }
        }
    }

    // ---------------------------------------------------------------- client JVMs

    /** A {@link RemoteClientMain} in a JVM of its own, with a 64 MB heap and the test's classes. */
    static final class ClientProcess {
        private final Process process;
        private final Path out;

        private ClientProcess(Process process, Path out) {
            this.process = process;
            this.out = out;
        }

        static ClientProcess start(Path work, String password, String... args) throws IOException {
            return start(work, password, List.of(), args);
        }

        static ClientProcess start(Path work, String password, List<String> jvmOptions, String... args)
                throws IOException {
            return start(work, password, jvmOptions, RemoteClientMain.class, args);
        }

        /** Runs {@code main}, a class of these tests, in a JVM of its own with the tests' class path. */
        static ClientProcess start(Path work, String password, List<String> jvmOptions, Class<?> main, String... args)
                throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Xmx64m");
            command.add("-XX:+ExitOnOutOfMemoryError");
            command.add("-cp");
            command.add(classPath());
            command.add(main.getName());
            command.addAll(List.of(args));
            Path log = Files.createTempFile(work, "client", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("POOLD_TEST_PASSWORD", password);
            return new ClientProcess(pb.start(), log);
        }

        /** Sends a signal by name (STOP, CONT) with kill(1), as a debugger or a stalled host would. */
        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IOException("kill -" + name + " " + process.pid() + " failed");
            }
        }

        /** Writes a line to the process's standard input. */
        void line(String text) throws IOException {
            var in = process.getOutputStream();
            in.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** Closes the process's standard input (end of file). */
        void closeInput() throws IOException {
            process.getOutputStream().close();
        }

        /** Everything this JVM runs with, on a plain class path: the client needs no module set-up. */
        private static String classPath() {
            List<String> parts = new ArrayList<>();
            parts.add(TestFiles.projectRoot().resolve("modules/pool.daemon/target/test-classes").toString());
            for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
                String value = System.getProperty(property);
                if (value != null && !value.isEmpty()) {
                    parts.addAll(List.of(value.split(File.pathSeparator)));
                }
            }
            return String.join(File.pathSeparator, parts);
        }

        /** @return whether the output has {@code text} once it has, or the client exited, or {@code seconds} passed */
        boolean awaitOutput(String text, long seconds) throws Exception {
            return PooldProcess.awaitOutput(process, this::output, text, seconds);
        }

        int awaitExit(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("client did not finish within " + seconds + " s: " + output());
            }
            return process.exitValue();
        }

        /** Kills the JVM outright (SIGKILL): no shutdown hook, no close, no goodbye to the daemon. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        String output() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<unreadable: " + e + ">";
            }
        }
    }
    @Test
    void aReloadThatChangesAClientsPasswordFailsItsNextCallAsTheDriverWouldAndTheNewPasswordWorksAtOnce()
            throws Exception {
        pool.client.RemoteDataSource before = pool.client.RemoteDataSource.builder("127.0.0.1", port, "orders")
                .user("rotating").password("rotating-1").build();
        try (Connection c = before.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
        rotatingHash = PasswordHash.create("rotating-2".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        writeConfig(port);
        daemon.signal("HUP");
        assertTrue(daemon.awaitOutput("reloaded", 30), daemon.stdout());

        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = before.getConnection(); Statement s = c.createStatement()) {
                s.executeQuery("select 1").close();
            }
        });
        assertEquals(wrongPasswordState(), e.getSQLState(), e.getMessage());
        assertFalse(e.getMessage().contains("rotating-"), e.getMessage());
        SQLException again = assertThrows(SQLException.class, before::getConnection);
        assertEquals(wrongPasswordState(), again.getSQLState(), again.getMessage());
        before.close();

        pool.client.RemoteDataSource after = pool.client.RemoteDataSource.builder("127.0.0.1", port, "orders")
                .user("rotating").password("rotating-2").build();
        try (Connection c = after.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
        after.close();
        // The other user's logins carried on through the reload.
        try (Connection c = orders().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
    }
}
