package pool.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.engine.Pools;
import pool.jmx.DaemonBean;
import pool.jmx.JmxAccount;
import pool.jmx.JmxConnector;
import pool.jmx.JmxRole;
import pool.jmx.JmxUsers;
import pool.jmx.PoolBeans;
import pool.stubdriver.StubDatabase;

/** poolctl against a JMX connector serving the daemon's beans over an engine pool on the stub driver. */
class PoolctlTest {

    /** JMX users by name; each credential is the password itself. */
    private static final Map<String, JmxAccount> ACCOUNTS = Map.of(
            "ops", new JmxAccount("ops", JmxRole.OPERATE, "ops-pw"),
            "grafana", new JmxAccount("grafana", JmxRole.MONITOR, "grafana-pw"));

    @TempDir
    Path dir;

    private MBeanServer mbeans;
    private PoolBeans beans;
    private DaemonBean daemon;
    private JmxConnector connector;
    private ConnectionPool orders;
    private Path password;
    private final List<String> reloads = new ArrayList<>();
    private volatile String reloadAnswer = "reloaded: no pool changed";

    @BeforeEach
    void start() throws Exception {
        mbeans = MBeanServerFactory.newMBeanServer();
        orders = Pools.create(PoolConfig.builder("orders").jdbcUrl(StubDatabase.unique("orders").url()).user("app")
                .password("secret").minIdle(0).maxSize(4).build());
        // The file's settings are those the pool started with, as in the daemon.
        pool.api.LiveSettings file = orders.liveSettings();
        beans = new PoolBeans(mbeans, name -> name.equals("orders") ? file : null);
        beans.sync(List.of(orders));
        daemon = new DaemonBean(() -> List.of("orders"), "/etc/poold/pools.xml", () -> {
            reloads.add("reload");
            return reloadAnswer;
        }, () -> 0);
        daemon.register(mbeans);
        connector = JmxConnector.start(mbeans, "127.0.0.1", 0, new JmxUsers() {
            @Override
            public JmxAccount authenticate(String user, char[] pw) {
                JmxAccount a = find(user);
                return a != null && a.credential().equals(new String(pw)) ? a : null;
            }

            @Override
            public JmxAccount find(String user) {
                return ACCOUNTS.get(user);
            }
        });
        password = Files.writeString(dir.resolve("pw"), "ops-pw\n");
    }

    @AfterEach
    void stop() {
        connector.close();
        daemon.close();
        beans.close();
        orders.close();
    }

    private record Run(int code, String out, String err) {
    }

    private Run poolctl(String... command) {
        return poolctlAs("ops", password, command);
    }

    private Run poolctlAs(String user, Path passwordFile, String... command) {
        List<String> args = new ArrayList<>(List.of("--jmx", "127.0.0.1:" + connector.port(), "--user", user,
                "--password-file", passwordFile.toString()));
        args.addAll(List.of(command));
        return raw(args.toArray(new String[0]));
    }

    private static Run raw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Poolctl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * operations.md: "one JSON object with --json (on one line, keys in the order below)", the
     * table of keys per command.
     */
    @Test
    void everyJsonObjectHasTheDocumentedKeysInTheDocumentedOrderOnOneLine() {
        Map<List<String>, List<String>> documented = new java.util.LinkedHashMap<>();
        documented.put(List.of("status"), List.of("configFile", "pools", "pool", "state", "active", "idle", "total",
                "maxSize", "pending", "borrows", "timeouts", "waitP99Micros", "changedSettings", "replicas",
                "startedAt"));
        documented.put(List.of("leaks", "orders"), List.of("leaks", "pool"));
        documented.put(List.of("resize", "orders", "1", "5"), List.of("maxSize", "minIdle", "pool"));
        documented.put(List.of("set", "orders", "borrowTimeout", "10s"), List.of("pool", "setting", "before", "after"));
        documented.put(List.of("evict", "orders"), List.of("done", "pool"));
        documented.put(List.of("suspend", "orders"), List.of("done", "pool"));
        documented.put(List.of("resume", "orders"), List.of("done", "pool"));
        documented.put(List.of("reclaim-leaks", "orders"), List.of("pool", "reclaimed"));
        documented.put(List.of("reload"), List.of("result", "applied"));
        documented.forEach((command, keys) -> {
            List<String> args = new ArrayList<>(List.of("--json"));
            args.addAll(command);
            Run r = poolctl(args.toArray(new String[0]));
            assertEquals(Poolctl.OK, r.code(), command + ": " + r.err());
            assertEquals(1, r.out().lines().count(), command + " on one line: " + r.out());
            assertTrue(r.out().startsWith("{") && r.out().endsWith("}\n"), r.out());
            List<String> actual = java.util.regex.Pattern.compile("\"(\\w+)\":").matcher(r.out()).results()
                    .map(m -> m.group(1)).toList();
            assertEquals(keys, actual, String.join(" ", command) + ": " + r.out());
        });
    }

    /**
     * operations.md: leaks POOL as a table and as --json "leaks (each: borrowStack, connection,
     * heldMillis, thread), pool"; set takes durations "1d or 0" too.
     */
    @Test
    void leaksShowsAConnectionHeldPastTheThresholdWithWhereItWasBorrowed() throws Exception {
        Run set = poolctl("set", "orders", "leakThreshold", "1ms");
        assertEquals(Poolctl.OK, set.code(), set.err());
        try (java.sql.Connection held = orders.getConnection()) {
            for (int i = 0; i < 3000 && orders.leakSuspects().isEmpty(); i++) {
                Thread.sleep(10); // the pool's clock moves on; the threshold is 1 ms
            }
            Run json = poolctl("--json", "leaks", "orders");
            assertEquals(Poolctl.OK, json.code(), json.err());
            List<String> keys = java.util.regex.Pattern.compile("\"(\\w+)\":").matcher(json.out()).results()
                    .map(m -> m.group(1)).toList();
            assertEquals(List.of("leaks", "borrowStack", "connection", "heldMillis", "thread", "pool"), keys, json.out());
            assertTrue(json.out().contains("\"thread\":\"" + Thread.currentThread().getName() + " (id "), json.out());
            Run table = poolctl("leaks", "orders");
            assertEquals(Poolctl.OK, table.code(), table.err());
            assertTrue(table.out().startsWith("connection ") && table.out().contains(", thread "
                    + Thread.currentThread().getName() + " (id ") && table.out().contains(" ms, borrowed at:\n"),
                    table.out());
            // The pool samples borrow stacks by default (leakStackCapture, in-process.md): the row says so.
            assertTrue(table.out().contains("leakStackCapture") || table.out().contains("PoolctlTest"), table.out());
        }
        Run day = poolctl("set", "orders", "leakThreshold", "1d");
        assertEquals("orders: leakThreshold 1ms -> 1d\n", day.out(), day.err());
        Run off = poolctl("set", "orders", "leakThreshold", "0");
        assertEquals("orders: leakThreshold 1d -> 0\n", off.out(), off.err());
        assertEquals(java.time.Duration.ZERO, orders.liveSettings().leakThreshold());
    }

    /**
     * The human tables end their lines where their text ends: a pool with nothing changed live
     * has an empty last cell, and a script that splits on blanks or compares lines must not
     * meet trailing spaces there (README's example shows none).
     */
    @Test
    void noTableLineEndsInBlanks() {
        for (String[] command : List.of(new String[] {"status"}, new String[] {"leaks", "orders"})) {
            Run r = poolctl(command);
            assertEquals(Poolctl.OK, r.code(), r.err());
            assertTrue(r.out().lines().noneMatch(l -> l.endsWith(" ")), "trailing blanks in:\n" + r.out().replace(" \n", "·\n"));
        }
        assertEquals(Poolctl.OK, poolctl("set", "orders", "maxSize", "6").code());
        Run changed = poolctl("status");
        assertTrue(changed.out().lines().noneMatch(l -> l.endsWith(" ")), changed.out());
    }

    /** operations.md: "the password the first line of FILE (or POOLCTL_PASSWORD)". */
    @Test
    void thePasswordMayComeFromPoolctlPasswordInsteadOfAFile() {
        String[] status = {"--jmx", "127.0.0.1:" + connector.port(), "--user", "ops", "status"};
        Run fromEnv = withEnvPassword("ops-pw", status);
        assertEquals(Poolctl.OK, fromEnv.code(), fromEnv.err());
        assertTrue(fromEnv.out().lines().anyMatch(l -> l.startsWith("orders") && l.contains("RUNNING")), fromEnv.out());
        Run wrong = withEnvPassword("nope", status);
        assertEquals(Poolctl.NO_PERMISSION, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("wrong user name or password") && !wrong.err().contains("nope"), wrong.err());
        // A file given wins over the variable: its first line is the password.
        List<String> withFile = new ArrayList<>(List.of(status));
        withFile.addAll(withFile.size() - 1, List.of("--password-file", password.toString()));
        Run fileWins = withEnvPassword("nope", withFile.toArray(new String[0]));
        assertEquals(Poolctl.OK, fileWins.code(), fileWins.err());
        Run neither = withEnvPassword(null, status);
        assertEquals(Poolctl.USAGE, neither.code());
        assertTrue(neither.err().contains("--password-file is needed (or POOLCTL_PASSWORD)"), neither.err());
    }

    private static Run withEnvPassword(String envPassword, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Poolctl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), envPassword);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void statusShowsEveryPoolAsATableOrJson() {
        Run r = poolctl("status");
        assertEquals(Poolctl.OK, r.code(), r.err());
        assertTrue(r.out().contains("/etc/poold/pools.xml"), r.out());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].startsWith("POOL") && lines[1].contains("WAIT P99 µs"), r.out());
        assertTrue(lines[2].startsWith("orders") && lines[2].contains("RUNNING"), r.out());
        Run json = poolctl("--json", "status");
        assertEquals(Poolctl.OK, json.code(), json.err());
        assertTrue(json.out().startsWith("{\"configFile\":\"/etc/poold/pools.xml\",\"pools\":[{\"pool\":\"orders\","
                + "\"state\":\"RUNNING\""), json.out());
        assertTrue(json.out().contains("\"maxSize\":4"), json.out());
    }

    @Test
    void resizeEvictSuspendResumeAndReloadReachTheDaemon() {
        assertEquals(Poolctl.OK, poolctl("resize", "orders", "1", "6").code());
        assertEquals(6, orders.liveSettings().maxSize());
        assertEquals(1, orders.liveSettings().minIdle());
        assertEquals(Poolctl.OK, poolctl("suspend", "orders").code());
        assertEquals(Poolctl.OK, poolctl("resume", "orders").code());
        assertEquals(Poolctl.OK, poolctl("evict", "orders").code());
        Run reload = poolctl("reload");
        assertEquals(Poolctl.OK, reload.code(), reload.err());
        assertEquals("reloaded: no pool changed\n", reload.out());
        assertEquals(List.of("reload"), reloads);
        Run leaks = poolctl("--json", "leaks", "orders");
        assertEquals("{\"leaks\":[],\"pool\":\"orders\"}\n", leaks.out());
        assertEquals(Poolctl.OK, poolctl("reclaim-leaks", "orders").code());
    }

    @Test
    void refusalsSayWhyWithTheirOwnExitCodes() throws Exception {
        Run invalid = poolctl("resize", "orders", "5", "2");
        assertEquals(Poolctl.REFUSED, invalid.code());
        assertTrue(invalid.err().contains("minIdle"), invalid.err());
        assertEquals(4, orders.liveSettings().maxSize(), "nothing changed");
        Run unknown = poolctl("suspend", "billing");
        assertEquals(Poolctl.REFUSED, unknown.code());
        assertTrue(unknown.err().contains("no pool 'billing'"), unknown.err());
        Files.writeString(password, "wrong\n");
        Run denied = poolctl("status");
        assertEquals(Poolctl.NO_PERMISSION, denied.code());
        assertTrue(denied.err().contains("wrong user name or password"), denied.err());
        assertTrue(!denied.err().contains("wrong\n") && !denied.out().contains("ops-pw"));
        Run unreachable = raw("--jmx", "127.0.0.1:" + freePort(), "--user", "ops", "--password-file",
                password.toString(), "status");
        assertEquals(Poolctl.UNAVAILABLE, unreachable.code());
        assertTrue(unreachable.err().contains("cannot reach poold's JMX connector"), unreachable.err());
        // The pools' registry port given for the JMX one: an RMI registry without the connector.
        int port = freePort();
        var registry = java.rmi.registry.LocateRegistry.createRegistry(port, null,
                p -> new java.net.ServerSocket(p, 50, java.net.InetAddress.getLoopbackAddress()));
        try {
            Run pools = raw("--jmx", "127.0.0.1:" + port, "--user", "ops", "--password-file", password.toString(),
                    "status");
            assertEquals(Poolctl.UNAVAILABLE, pools.code());
            assertTrue(pools.err().contains("is an RMI registry without poold's JMX connector"), pools.err());
        } finally {
            java.rmi.server.UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    @Test
    void aMonitorUserSeesStatusAndLeaksAndEveryChangingCommandExits1WithTheDaemonsRefusal() throws Exception {
        Path grafana = Files.writeString(dir.resolve("grafana-pw"), "grafana-pw\n");
        Run status = poolctlAs("grafana", grafana, "status");
        assertEquals(Poolctl.OK, status.code(), status.err());
        assertTrue(status.out().lines().anyMatch(l -> l.startsWith("orders") && l.contains("RUNNING")), status.out());
        Run leaks = poolctlAs("grafana", grafana, "leaks", "orders");
        assertEquals(Poolctl.OK, leaks.code(), leaks.err());
        assertEquals("orders: no connection held longer than the leak threshold\n", leaks.out());

        for (String[] command : List.of(new String[] {"resize", "orders", "1", "6"}, new String[] {"evict", "orders"},
                new String[] {"suspend", "orders"}, new String[] {"resume", "orders"}, new String[] {"reclaim-leaks", "orders"}, new String[] {"reload"},
                new String[] {"set", "orders", "maxSize", "6"}, new String[] {"set", "orders", "leakReclaim", "true"})) {
            Run refused = poolctlAs("grafana", grafana, command);
            assertEquals(Poolctl.REFUSED, refused.code(), String.join(" ", command) + ": " + refused.err());
            assertTrue(refused.err().startsWith("poolctl: the daemon refused: JMX user 'grafana' has role monitor,"),
                    refused.err());
            assertTrue(refused.err().contains("needs role operate"), refused.err());
            assertEquals("", refused.out());
        }
        assertEquals(4, orders.liveSettings().maxSize(), "nothing changed");
        assertEquals(List.of(), reloads);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A tenant bean's figures, fixed, standing in for a tenant of {@code orders}. */
    private record FixedTenant(String getName, boolean isNamed, int getActiveConnections, int getWaitingBorrowers)
            implements pool.jmx.TenantMXBean {
        @Override public String getPool() { return "orders"; }
        @Override public long getBorrowCount() { return 0; }
        @Override public long getTimeoutCount() { return 0; }
        @Override public long getRejectedCount() { return 0; }
        @Override public long getWaitP50Micros() { return 0; }
        @Override public long getWaitP95Micros() { return 0; }
        @Override public long getWaitP99Micros() { return 0; }
        @Override public int getMin() { return 0; }
        @Override public void setMin(int min) { }
        @Override public int getMax() { return 4; }
        @Override public void setMax(int max) { }
        @Override public int getWeight() { return 1; }
        @Override public void setWeight(int weight) { }
    }

    /**
     * operations.md and tenancy.md: poolctl tenants lists the busiest first (most connections
     * held, then most waiting), the idle ones named first, then by name.
     */
    @Test
    void tenantsListsTheBusiestFirstThenTheIdleNamedOnesThenTheOthersByName() throws Exception {
        List<FixedTenant> tenants = List.of(new FixedTenant("acme", true, 1, 0),
                new FixedTenant("zeta-walk-in", false, 3, 0), new FixedTenant("beta", true, 0, 0),
                new FixedTenant("alpha-walk-in", false, 0, 0), new FixedTenant("shop", true, 1, 5),
                new FixedTenant("zulu", true, 0, 0));
        for (FixedTenant t : tenants) {
            mbeans.registerMBean(new javax.management.StandardMBean(t, pool.jmx.TenantMXBean.class, true),
                    PoolBeans.tenantNameOf("orders", t.getName()));
        }
        List<String> expected = List.of("zeta-walk-in", "shop", "acme", "beta", "zulu", "alpha-walk-in");
        Run table = poolctl("tenants", "orders");
        assertEquals(Poolctl.OK, table.code(), table.err());
        assertEquals(expected, table.out().lines().skip(1).map(l -> l.split(" ")[0]).toList(), table.out());
        Run json = poolctl("--json", "tenants", "orders");
        assertEquals(expected, java.util.regex.Pattern.compile("\"tenant\":\"([^\"]+)\"").matcher(json.out())
                .results().map(m -> m.group(1)).toList(), json.out());
    }

    @Test
    void setChangesEveryLiveSettingWrittenAsTheFileWritesIt() {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("maxSize", "8");
        values.put("minIdle", "1");
        values.put("burstMaxSize", "2");
        values.put("borrowTimeout", "30s");
        values.put("idleTimeout", "10m");
        values.put("maxLifetime", "1h");
        values.put("validationSkipWindow", "500ms");
        values.put("reaperInterval", "15s");
        values.put("leakThreshold", "2m");
        values.put("leakReclaim", "true");
        for (var e : values.entrySet()) {
            Run r = poolctl("set", "orders", e.getKey(), e.getValue());
            assertEquals(Poolctl.OK, r.code(), e + ": " + r.err());
            assertTrue(r.out().startsWith("orders: " + e.getKey() + " ") && r.out().endsWith(" -> " + e.getValue() + "\n"),
                    r.out());
        }
        pool.api.LiveSettings s = orders.liveSettings();
        assertEquals(8, s.maxSize());
        assertEquals(1, s.minIdle());
        assertEquals(2, s.burstMaxSize());
        assertEquals(java.time.Duration.ofSeconds(30), s.borrowTimeout());
        assertEquals(java.time.Duration.ofMinutes(10), s.idleTimeout());
        assertEquals(java.time.Duration.ofHours(1), s.maxLifetime());
        assertEquals(java.time.Duration.ofMillis(500), s.validationSkipWindow());
        assertEquals(java.time.Duration.ofSeconds(15), s.reaperInterval());
        assertEquals(java.time.Duration.ofMinutes(2), s.leakThreshold());
        assertTrue(s.leakReclaim());
        Run json = poolctl("--json", "set", "orders", "leakReclaim", "false");
        assertEquals("{\"pool\":\"orders\",\"setting\":\"leakReclaim\",\"before\":\"true\",\"after\":\"false\"}\n",
                json.out());
    }

    @Test
    void setSaysWhatIsValidWhenTheSettingOrValueIsNot() {
        Run unknown = poolctl("set", "orders", "jdbcUrl", "jdbc:h2:mem:x");
        assertEquals(Poolctl.USAGE, unknown.code());
        assertTrue(unknown.err().contains("'jdbcUrl' is no live setting; the live settings are: minIdle, maxSize,"
                + " burstMaxSize, borrowTimeout, idleTimeout, maxLifetime, validationSkipWindow, reaperInterval,"
                + " leakThreshold, leakReclaim"), unknown.err());
        Run duration = poolctl("set", "orders", "borrowTimeout", "30");
        assertEquals(Poolctl.USAGE, duration.code());
        assertTrue(duration.err().contains("borrowTimeout: '30' is not a duration: write a whole number and a unit"), duration.err());
        Run bool = poolctl("set", "orders", "leakReclaim", "yes");
        assertEquals(Poolctl.USAGE, bool.code());
        assertTrue(bool.err().contains("leakReclaim is true or false, not 'yes'"), bool.err());
        Run refused = poolctl("set", "orders", "minIdle", "9");
        assertEquals(Poolctl.REFUSED, refused.code());
        assertTrue(refused.err().contains("minIdle"), refused.err());
        Run arity = poolctl("set", "orders", "maxSize");
        assertEquals(Poolctl.USAGE, arity.code());
        assertTrue(arity.err().contains("set takes POOL SETTING VALUE"), arity.err());
        Run noPool = poolctl("set", "billing", "maxSize", "3");
        assertEquals(Poolctl.REFUSED, noPool.code());
        assertTrue(noPool.err().contains("no pool 'billing'"), noPool.err());
        assertEquals(4, orders.liveSettings().maxSize(), "nothing changed");
        Run endless = poolctl("set", "orders", "maxLifetime", "300000d");
        assertEquals(Poolctl.USAGE, endless.code(), endless.err());
        assertTrue(endless.err().contains("maxLifetime: '300000d' is too large: the longest duration is 36500d"),
                endless.err());
        assertEquals(Poolctl.OK, poolctl("set", "orders", "maxLifetime", "36500d").code());
        assertEquals(java.time.Duration.ofDays(36_500), orders.liveSettings().maxLifetime());
    }

    @Test
    void setRefusesAValueBelowTheSettingsBoundNamingTheBoundTheFileHas() {
        Run max = poolctl("set", "orders", "maxSize", "-1");
        assertEquals(Poolctl.USAGE, max.code());
        assertEquals("poolctl: maxSize must be a whole number of connections >= 1; got '-1'\n", max.err());
        Run zero = poolctl("set", "orders", "maxSize", "0");
        assertEquals(Poolctl.USAGE, zero.code());
        assertTrue(zero.err().contains(">= 1; got '0'"), zero.err());
        Run reaper = poolctl("set", "orders", "reaperInterval", "0");
        assertEquals(Poolctl.USAGE, reaper.code());
        assertTrue(reaper.err().contains("reaperInterval must be a duration > 0; got '0'"), reaper.err());
        Run overflow = poolctl("set", "orders", "idleTimeout", "99999999999999d");
        assertEquals(Poolctl.USAGE, overflow.code());
        assertTrue(overflow.err().contains("idleTimeout: '99999999999999d' is too large: the longest duration is"
                + " 36500d (100 years, 3153600000000ms)"), overflow.err());
        Run long19 = poolctl("set", "orders", "idleTimeout", "9999999999999999999d");
        assertTrue(long19.err().contains("is too large"), long19.err());
        assertEquals(4, orders.liveSettings().maxSize(), "nothing changed");
    }

    @Test
    void statusMarksSettingsChangedLiveThatDifferFromTheFile() {
        Run before = poolctl("status");
        assertTrue(before.out().lines().noneMatch(l -> l.contains("*")), before.out());
        assertTrue(before.out().split("\n")[1].endsWith("CHANGED LIVE"), before.out());
        assertEquals(Poolctl.OK, poolctl("set", "orders", "borrowTimeout", "45s").code());
        assertEquals(Poolctl.OK, poolctl("resize", "orders", "0", "6").code());
        Run after = poolctl("status");
        String row = after.out().lines().filter(l -> l.startsWith("orders")).findFirst().orElseThrow();
        assertTrue(row.endsWith("maxSize=6* (file 4), borrowTimeout=45s* (file 30s)"), after.out());
        assertTrue(after.out().contains(StatusCommand.LEGEND), after.out());
        Run json = poolctl("--json", "status");
        assertTrue(json.out().contains("\"changedSettings\":[{\"setting\":\"maxSize\",\"live\":\"6\",\"file\":\"4\"},"
                + "{\"setting\":\"borrowTimeout\",\"live\":\"45s\",\"file\":\"30s\"}]"), json.out());
        // Back to the file's value: no longer marked.
        assertEquals(Poolctl.OK, poolctl("set", "orders", "maxSize", "4").code());
        assertEquals(Poolctl.OK, poolctl("set", "orders", "borrowTimeout", "30s").code());
        assertTrue(poolctl("status").out().lines().noneMatch(l -> l.contains("*")));
    }

    @Test
    void aRejectedReloadExits1WithTheDaemonsWordsOnStderrAndAlsoAsJsonWithJson() {
        reloadAnswer = "reload rejected (1 problem(s)); the running configuration is unchanged:\n"
                + "/etc/poold/pools.xml:4:14: element <minIdel> is not allowed here.";
        Run human = poolctl("reload");
        assertEquals(Poolctl.REFUSED, human.code());
        assertEquals("", human.out());
        assertTrue(human.err().startsWith("poolctl: reload rejected") && human.err().contains("pools.xml:4:14"),
                human.err());
        Run json = poolctl("--json", "reload");
        assertEquals(Poolctl.REFUSED, json.code());
        assertTrue(json.out().startsWith("{\"result\":\"reload rejected"), json.out());
        assertTrue(json.out().endsWith(",\"applied\":false}\n"), json.out());
        // operations.md: "a refusal is still said on stderr", with --json too.
        assertEquals(human.err(), json.err());
    }

    @Test
    void usageErrorsExit64() {
        assertEquals(Poolctl.USAGE, raw().code());
        assertEquals(Poolctl.USAGE, raw("--user", "ops", "frobnicate").code());
        Run arity = poolctl("resize", "orders", "1");
        assertEquals(Poolctl.USAGE, arity.code());
        assertTrue(arity.err().contains("resize takes POOL MIN MAX"), arity.err());
        Run number = poolctl("resize", "orders", "one", "4");
        assertEquals(Poolctl.USAGE, number.code());
        assertTrue(number.err().contains("MIN must be a whole number, not 'one'"), number.err());
        assertTrue(raw("status").err().contains("--user is needed"));
        for (String jmx : List.of("127.0.0.1", "127.0.0.1:", ":9010", "::1", "127.0.0.1:70000")) {
            Run noPort = raw("--jmx", jmx, "--user", "ops", "--password-file", password.toString(), "status");
            assertEquals(Poolctl.USAGE, noPort.code(), jmx);
            assertTrue(noPort.err().contains("--jmx must be HOST:PORT"), noPort.err());
        }
        Run noFile = raw("--user", "ops", "--password-file", dir.resolve("absent").toString(), "status");
        assertEquals(Poolctl.USAGE, noFile.code());
        assertTrue(noFile.err().contains("password file " + dir.resolve("absent") + " does not exist"), noFile.err());
        assertEquals(Poolctl.OK, raw("--help").code());
        assertTrue(raw("--help").out().contains("reclaim-leaks POOL"));
        assertTrue(raw("--help").out().contains("set POOL SETTING VALUE"));
        Run version = raw("--version");
        assertEquals(Poolctl.OK, version.code(), version.err());
        assertTrue(version.out().startsWith("poolctl ") && version.out().lines().count() == 1, version.out());
    }

    @Test
    void anEmptyOrUnreadablePasswordFileIsAUsageErrorNamingTheFileNotAWrongPassword() throws Exception {
        Run empty = poolctlAs("ops", Files.writeString(dir.resolve("empty"), ""), "status");
        assertEquals(Poolctl.USAGE, empty.code(), empty.err());
        assertEquals("poolctl: the password file " + dir.resolve("empty") + " has an empty first line: write the"
                + " password there\n", empty.err());
        Run blankLine = poolctlAs("ops", Files.writeString(dir.resolve("blank"), "\nops-pw\n"), "status");
        assertEquals(Poolctl.USAGE, blankLine.code(), blankLine.err());
        Run directory = poolctlAs("ops", dir, "status");
        assertEquals(Poolctl.USAGE, directory.code());
        assertEquals("poolctl: cannot read the password file " + dir + ": it is a directory\n", directory.err());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Poolctl.run(new String[] {"--jmx", "127.0.0.1:" + connector.port(), "--user", "ops", "status"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "");
        assertEquals(Poolctl.USAGE, code);
        assertEquals("poolctl: POOLCTL_PASSWORD is empty\n", err.toString(StandardCharsets.UTF_8));
    }

    /** As set refuses a value below its setting's bound (64), so does resize; MIN above MAX is the pool's refusal (1). */
    @Test
    void resizeRefusesASizeBelowItsBoundAsAUsageErrorAsSetDoes() {
        Run min = poolctl("resize", "orders", "-1", "4");
        assertEquals(Poolctl.USAGE, min.code(), min.err());
        assertEquals("poolctl: MIN (minIdle) must be >= 0; got -1\n", min.err());
        Run max = poolctl("resize", "orders", "0", "0");
        assertEquals(Poolctl.USAGE, max.code(), max.err());
        assertEquals("poolctl: MAX (maxSize) must be >= 1; got 0\n", max.err());
        assertEquals(Poolctl.USAGE, poolctl("set", "orders", "maxSize", "0").code(), "the same value, the same code");
        assertEquals(Poolctl.REFUSED, poolctl("resize", "orders", "5", "2").code());
        assertEquals(4, orders.liveSettings().maxSize(), "nothing changed");
    }

    @Test
    void helpGivesTheExitCodesAndSetsBoundsAndAnOptionIsNoValue() {
        String help = raw("--help").out();
        assertTrue(help.contains("Exit codes: 0 done, 1 the daemon refused (its words on stderr), 64 usage, 69 the"
                + " daemon\ncannot be reached or did not answer within --timeout, 77 wrong user name or password."), help);
        assertTrue(help.contains("at most 36500d"), help);
        assertTrue(help.contains("(maxSize 1 or more)"), help);
        Run user = raw("--user", "--json", "status");
        assertEquals(Poolctl.USAGE, user.code());
        assertTrue(user.err().startsWith("poolctl: --user needs a value, not the option --json\n"), user.err());
        Run file = raw("--user", "ops", "--password-file", "--json", "status");
        assertEquals(Poolctl.USAGE, file.code());
        assertTrue(file.err().startsWith("poolctl: --password-file needs a value, not the option --json\n"), file.err());
    }

    /**
     * RMI waits for an answer without limit: a daemon that stops answering (here its reload never
     * returns), or a listener that never speaks, must not hang poolctl.
     */
    @Test
    void aDaemonThatStopsAnsweringEndsTheCommandAtItsTimeoutNotNever() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        daemon.close();
        daemon = new DaemonBean(() -> List.of("orders"), "/etc/poold/pools.xml", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "reloaded";
        }, () -> 0);
        daemon.register(mbeans);
        try {
            Run hung = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                    () -> poolctl("--timeout", "1", "reload"));
            assertEquals(Poolctl.UNAVAILABLE, hung.code(), hung.err());
            assertTrue(hung.err().startsWith("poolctl: the daemon at 127.0.0.1:" + connector.port() + " did not answer"
                    + " within 1 s (--timeout)"), hung.err());
        } finally {
            never.countDown();
        }
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            Run mute = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                    () -> raw("--jmx", "127.0.0.1:" + silent.getLocalPort(), "--user", "ops", "--password-file",
                            password.toString(), "--timeout", "1", "status"));
            assertEquals(Poolctl.UNAVAILABLE, mute.code(), mute.err());
            assertTrue(mute.err().contains("did not answer within 1 s"), mute.err());
        }
        Run bad = raw("--timeout", "soon", "status");
        assertEquals(Poolctl.USAGE, bad.code());
        assertTrue(bad.err().startsWith("poolctl: --timeout takes whole seconds, 0 or more"), bad.err());
    }

    @Test
    void jsonEscapesWhatItMust() {
        assertEquals("{\"a\":\"q\\\"b\\\\s\\nl\\u0001\",\"n\":[1,true,null]}",
                Json.of(Map.of("n", java.util.Arrays.asList(1, true, null), "a", "q\"b\\s\nl\u0001")));
    }
}
