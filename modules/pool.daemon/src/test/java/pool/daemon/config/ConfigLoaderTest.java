package pool.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pool.api.IdleOrder;
import pool.api.Initialization;
import pool.api.PoolConfig;
import pool.api.StackCapture;
import pool.daemon.ConfigException;
import pool.jmx.JmxRole;

class ConfigLoaderTest {

    private static final String SECRET = "Pa55-w0rd-never-shown";

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(new SecretResolver(Map.of("DB_PW", SECRET)::get));

    private Path write(String body) throws IOException {
        return Files.writeString(dir.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                """ + body + "\n</poold>\n");
    }

    @Test
    void theDefaultConfigurationIsOneH2PoolOnLoopback() throws ConfigException {
        DaemonConfig c = loader.load(TestFiles.projectRoot().resolve("config/pools.xml"));
        assertEquals(DaemonSettings.defaults(), c.daemon());
        PoolDefinition demo = c.pools().get("demo");
        assertEquals(DriverKind.H2, demo.driver());
        assertEquals("jdbc:h2:mem:demo", demo.config().jdbcUrl());
        // The daemon makes the database and its unprivileged user: no administrator, no password in the file.
        assertEquals(new UnprivilegedH2User("demo", "DEMO"), demo.h2User());
        assertEquals("demo", demo.config().user());
        assertNull(demo.config().password());
        assertEquals("DEMO", demo.config().defaultSchema());
        // The demo client user the file's comment documents: "demo", password "demo".
        assertEquals(List.of("demo"), demo.clientUsers());
        assertEquals("demo", c.clients().getFirst().name());
        assertTrue(pool.remote.PasswordHash.parse(c.clients().getFirst().hash()).matches("demo".toCharArray()));
        // And the demo JMX user: "ops", password "ops", role operate.
        JmxUser ops = c.jmxUsers().getFirst();
        assertEquals(List.of("ops"), c.jmxUsers().stream().map(JmxUser::name).toList());
        assertEquals(JmxRole.OPERATE, ops.role());
        assertTrue(pool.remote.PasswordHash.parse(ops.hash()).matches("ops".toCharArray()));
    }

    @Test
    void everySettingReachesPoolConfig() throws Exception {
        Path f = write("""
                  <daemon>
                    <listenAddress>::1</listenAddress>
                    <rmiRegistryPort>2099</rmiRegistryPort>
                    <jmxPort>9011</jmxPort>
                    <drainTimeout>45s</drainTimeout>
                    <remoteLease>5s</remoteLease>
                    <maxUnauthenticatedConnections>500</maxUnauthenticatedConnections>
                    <maxUnauthenticatedConnectionsPerAddress>64</maxUnauthenticatedConnectionsPerAddress>
                    <requestTimeout>3s</requestTimeout>
                    <ticketIdleTimeout>20m</ticketIdleTimeout>
                    <ticketLifetime>12h</ticketLifetime>
                    <maxChannelsPerTicket>1000</maxChannelsPerTicket>
                    <maxCallBytesPerTicket>256MiB</maxCallBytesPerTicket>
                    <tls>
                      <keyStore>/etc/poold/tls/server.p12</keyStore>
                      <keyStorePassword>${env:DB_PW}</keyStorePassword>
                      <trustStore>/etc/poold/tls/clients.jks</trustStore>
                      <trustStoreType>JKS</trustStoreType>
                    </tls>
                  </daemon>
                  <clients>
                    <user name="app" hash="pbkdf2-sha256$1000$c2FsdHNhbHQ$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY"/>
                    <user name="ops" hash="pbkdf2-sha256$1000$c2FsdHNhbHQ$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY"/>
                  </clients>
                  <pool name="orders" driver="postgresql" initialization="fail-fast">
                    <createBackoffMax>20s</createBackoffMax>
                    <jdbcUrl>jdbc:postgresql://127.0.0.1:5432/app</jdbcUrl>
                    <user>app</user>
                    <password>${env:DB_PW}</password>
                    <driverProperties>
                      <property name="ssl" value="true"/>
                      <property name="sslpassword" value="${env:DB_PW}"/>
                    </driverProperties>
                    <connectTimeout>3s</connectTimeout>
                    <socketTimeout>1m</socketTimeout>
                    <initSql>SET TIME ZONE 'UTC'</initSql>
                    <defaultAutoCommit>false</defaultAutoCommit>
                    <defaultTransactionIsolation>serializable</defaultTransactionIsolation>
                    <defaultReadOnly>true</defaultReadOnly>
                    <defaultCatalog>app</defaultCatalog>
                    <defaultSchema>sales</defaultSchema>
                    <minIdle>3</minIdle>
                    <maxSize>7</maxSize>
                    <burstMaxSize>2</burstMaxSize>
                    <burstLifetime>90s</burstLifetime>
                    <burstWaitThreshold>20ms</burstWaitThreshold>
                    <maxPending>99</maxPending>
                    <borrowTimeout>4s</borrowTimeout>
                    <idleTimeout>5m</idleTimeout>
                    <maxLifetime>1h</maxLifetime>
                    <validationSkipWindow>250ms</validationSkipWindow>
                    <validationTimeout>2s</validationTimeout>
                    <testQuery>SELECT 1</testQuery>
                    <reaperInterval>10s</reaperInterval>
                    <leakThreshold>0</leakThreshold>
                    <leakReclaim>true</leakReclaim>
                    <leakStackCapture>always</leakStackCapture>
                    <leakStackSampleRate>0.5</leakStackSampleRate>
                    <idleOrder>fifo</idleOrder>
                    <maxConcurrentCreates>4</maxConcurrentCreates>
                    <createBackoffInitial>200ms</createBackoffInitial>
                    <clientUsers> app
                      ops app </clientUsers>
                  </pool>""");
        DaemonConfig c = loader.load(f);
        TlsConfig tls = c.daemon().tls();
        assertEquals(new TlsConfig(Path.of("/etc/poold/tls/server.p12"), SECRET, "PKCS12",
                Path.of("/etc/poold/tls/clients.jks"), null, "JKS", tls.location()), tls);
        assertTrue(tls.clientAuth());
        assertFalse(tls.toString().contains(SECRET), tls.toString());
        assertEquals(new DaemonSettings("::1", 2099, 9011, Duration.ofSeconds(45), Duration.ofSeconds(5), tls, 500, 64,
                Duration.ofSeconds(3), Duration.ofMinutes(20), Duration.ofHours(12), 1000, 256 << 20), c.daemon());
        assertEquals(new pool.remote.TicketLimits(Duration.ofMinutes(20), Duration.ofHours(12), 1000, 256 << 20),
                c.daemon().ticketLimits());
        assertEquals(500, c.daemon().connectionLimits().maxUnauthenticated());
        assertEquals(64, c.daemon().connectionLimits().maxUnauthenticatedPerAddress());
        assertEquals(Duration.ofSeconds(3), c.daemon().connectionLimits().requestTimeout());
        assertEquals(List.of(new ClientUser("app", "pbkdf2-sha256$1000$c2FsdHNhbHQ$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY"), new ClientUser("ops", "pbkdf2-sha256$1000$c2FsdHNhbHQ$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY")), c.clients());
        assertEquals(List.of("app", "ops"), c.pools().get("orders").clientUsers());
        PoolConfig expected = PoolConfig.builder("orders")
                .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/app").user("app").password(SECRET)
                .driverProperties(Map.of("ssl", "true", "sslpassword", SECRET))
                .connectTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofMinutes(1))
                .initSql("SET TIME ZONE 'UTC'").defaultAutoCommit(false)
                .defaultTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE).defaultReadOnly(true)
                .defaultCatalog("app").defaultSchema("sales").minIdle(3).maxSize(7).burstMaxSize(2)
                .burstLifetime(Duration.ofSeconds(90)).burstWaitThreshold(Duration.ofMillis(20)).maxPending(99)
                .borrowTimeout(Duration.ofSeconds(4)).idleTimeout(Duration.ofMinutes(5))
                .maxLifetime(Duration.ofHours(1)).validationSkipWindow(Duration.ofMillis(250))
                .validationTimeout(Duration.ofSeconds(2)).testQuery("SELECT 1")
                .reaperInterval(Duration.ofSeconds(10)).leakThreshold(Duration.ZERO).leakReclaim(true)
                .leakStackCapture(StackCapture.ALWAYS).leakStackSampleRate(0.5).idleOrder(IdleOrder.FIFO)
                .maxConcurrentCreates(4).createBackoffInitial(Duration.ofMillis(200))
                .createBackoffMax(Duration.ofSeconds(20)).initialization(Initialization.FAIL_FAST)
                .build();
        PoolDefinition orders = c.pools().get("orders");
        assertEquals(expected, orders.config());
        assertEquals(DriverKind.POSTGRESQL, orders.driver());
        assertEquals(27, orders.location().line());
    }

    @Test
    void connectionAndTicketLimitsDefaultToWhatPoolRemoteUses() throws Exception {
        DaemonSettings d = loader.load(write("<daemon><jmxPort>9011</jmxPort></daemon>")).daemon();
        assertEquals(pool.remote.TicketLimits.DEFAULT, d.ticketLimits());
        pool.remote.ConnectionLimits c = pool.remote.ConnectionLimits.defaults();
        assertEquals(c.maxUnauthenticated(), d.connectionLimits().maxUnauthenticated());
        assertEquals(c.maxUnauthenticatedPerAddress(), d.connectionLimits().maxUnauthenticatedPerAddress());
        assertEquals(c.requestTimeout(), d.connectionLimits().requestTimeout());
    }

    @Test
    void limitsOutOfRangeAreExplainedWithTheirLine() throws Exception {
        Path f = write("""
                  <daemon>
                    <requestTimeout>10ms</requestTimeout>
                    <ticketLifetime>500ms</ticketLifetime>
                    <maxCallBytesPerTicket>16KiB</maxCallBytesPerTicket>
                  </daemon>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(List.of(
                f + ":4:19: requestTimeout 10ms is too short: use at least 100ms (the default is 10s)",
                f + ":5:19: ticketLifetime 500ms is too short: use at least 1s (the default is 8h)",
                f + ":6:26: maxCallBytesPerTicket 16KiB is out of range: use 64KiB to 1GiB (the default is 64MiB)"),
                e.problems());
    }

    @Test
    void absentSettingsKeepTheBuilderDefaults() throws Exception {
        Path f = write("""
                  <pool name="a" driver="mariadb"><jdbcUrl>jdbc:mysql://db/app</jdbcUrl></pool>""");
        PoolConfig a = loader.load(f).pools().get("a").config();
        // Connector/J 3 takes the jdbc:mysql: scheme only with permitMysqlScheme in the URL.
        assertEquals(PoolConfig.builder("a").jdbcUrl("jdbc:mysql://db/app?permitMysqlScheme").build(), a);
        assertNull(a.password());
    }

    @Test
    void whitespaceAroundTokenValuesIsIgnored() throws Exception {
        Path f = write("""
                  <pool name="a" driver=" postgresql " initialization=" fail-fast ">
                    <jdbcUrl>
                      jdbc:postgresql://db/app
                    </jdbcUrl>
                    <minIdle> 2 </minIdle>
                    <leakReclaim> true </leakReclaim>
                    <borrowTimeout> 5s </borrowTimeout>
                    <idleOrder> fifo </idleOrder>
                    <leakStackCapture> off </leakStackCapture>
                    <defaultTransactionIsolation> read-committed </defaultTransactionIsolation>
                  </pool>""");
        PoolConfig a = loader.load(f).pools().get("a").config();
        assertEquals(PoolConfig.builder("a").jdbcUrl("jdbc:postgresql://db/app").minIdle(2).leakReclaim(true)
                .borrowTimeout(Duration.ofSeconds(5)).idleOrder(IdleOrder.FIFO).leakStackCapture(StackCapture.OFF)
                .defaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED)
                .initialization(Initialization.FAIL_FAST).build(), a);
    }

    @Test
    void badPoolNameIsExplained() throws Exception {
        Path f = write("""
                  <pool name="my pool" driver="h2"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl></pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(f + ":3:34: attribute name of <pool>: 'my pool' is not a valid name: use 1-64 letters, digits, '.', '_' or '-',"
                + " starting with a letter or digit.", e.problems().getFirst());
    }

    @Test
    void badValuesNameTheirElementOrAttributeAndWhatToWrite() throws Exception {
        Path f = write("""
                  <pool name="a" driver="oracle">
                    <jdbcUrl>jdbc:postgresql://db/app</jdbcUrl>
                    <minIdle>-1</minIdle>
                    <maxSize>ten</maxSize>
                    <borrowTimeout>5 seconds</borrowTimeout>
                    <leakReclaim>yes</leakReclaim>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(List.of(
                f + ":3:32: attribute driver of <pool>: 'oracle' is not allowed here: use one of postgresql, mariadb, h2.",
                f + ":5:24: <minIdle>: '-1' is too small: the least allowed here is 0.",
                f + ":6:25: <maxSize>: 'ten' is not a whole number: write digits only, for example 10.",
                f + ":7:43: <borrowTimeout>: '5 seconds' is not a duration: write a whole number and a unit"
                        + " (ms, s, m, h or d), for example 500ms, 30s, 10m or 1h.",
                f + ":8:33: <leakReclaim>: 'yes' is not a boolean: write true or false."),
                e.problems());
    }

    @Test
    void misplacedRepeatedAndMalformedContentIsExplained() throws Exception {
        Path order = write("""
                  <pool name="a" driver="h2"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl></pool>
                  <daemon><rmiRegistryPort>2099</rmiRegistryPort></daemon>""");
        var late = assertThrows(ConfigException.class, () -> loader.load(order));
        assertTrue(late.problems().getFirst().startsWith(order + ":4:")
                && late.problems().getFirst().contains("element <daemon> is out of place: <poold> takes <daemon>, <clients>"
                        + " and <jmx>, each at most once, then the pools, in this order."), late.getMessage());

        Path twice = write("""
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <jdbcUrl>jdbc:h2:mem:b</jdbcUrl>
                  </pool>""");
        var repeated = assertThrows(ConfigException.class, () -> loader.load(twice));
        assertTrue(repeated.problems().getFirst().startsWith(twice + ":5:")
                && repeated.problems().getFirst().endsWith(
                        "element <jdbcUrl> is given twice in <pool> (first at line 4, column 12): keep one."),
                repeated.getMessage());

        Path malformed = write("""
                  <daemon><maxCallBytesPerTicket>lots</maxCallBytesPerTicket></daemon>
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <leakStackSampleRate>2.5</leakStackSampleRate>
                    <tenancy><tenant name="has space" min="0" max="1"/></tenancy>
                  </pool>
                  hello""");
        var bad = assertThrows(ConfigException.class, () -> loader.load(malformed));
        List<String> p = bad.problems();
        assertEquals(4, p.size(), bad.getMessage());
        assertTrue(p.get(0).endsWith("<maxCallBytesPerTicket>: 'lots' is not a size: write a whole number and KiB,"
                + " MiB or GiB, for example 64MiB."), p.get(0));
        assertTrue(p.get(1).endsWith("<leakStackSampleRate>: '2.5' is too large: the most allowed here is 1."), p.get(1));
        assertTrue(p.get(2).endsWith("attribute name of <tenant>: 'has space' is not a valid name: use 1-64 letters,"
                + " digits, '_' or '-' (also '.' and '@'), starting with a letter or digit."), p.get(2));
        assertTrue(p.get(3).endsWith("text is not allowed directly inside <poold>: only elements (remove it, or make it"
                + " an XML comment)."), p.get(3));
    }

    @Test
    void strayTextIsReportedWhereItIsNotAtItsElementsEndTag() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <maxSize>10</maxSize>5
                    <minIdle>1</minIdle>
                    oops
                    <borrowTimeout>2s</borrowTimeout>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(List.of(f + ":5:24: text is not allowed directly inside <pool>: only elements (remove it, or make"
                + " it an XML comment)."), e.problems());

        Path later = write("""
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>

                    oops
                  </pool>""");
        var e2 = assertThrows(ConfigException.class, () -> loader.load(later));
        assertEquals(List.of(later + ":6:3: text is not allowed directly inside <pool>: only elements (remove it, or"
                + " make it an XML comment)."), e2.problems());
    }

    @Test
    void anElementOrAttributeInsideASettingIsExplained() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <user>app<x/></user>
                    <maxSize unit="connections">4</maxSize>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(List.of(
                f + ":5:23: <user> holds a value only: remove the element inside it (an XML comment may stay).",
                f + ":6:31: attribute unit is not allowed on <maxSize>, which holds a value only: remove the attribute."),
                e.problems());
    }

    @Test
    void twoBadAttributesOfOneElementAreEachNamedWithTheirOwnProblem() throws Exception {
        Path f = write("""
                  <pool name="a" driver="postgres" initialization="fast">
                    <jdbcUrl>jdbc:postgresql://127.0.0.1/x</jdbcUrl>
                    <tenancy mode="pooled" unknownTenants="no"><tenant name="x" max="0"/></tenancy>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        List<String> p = e.problems().stream().map(l -> l.substring(l.indexOf(": ") + 2)).toList();
        assertEquals(List.of(
                "attribute driver of <pool>: 'postgres' is not allowed here: use one of postgresql, mariadb, h2.",
                "attribute initialization of <pool>: 'fast' is not allowed here: use one of background, fail-fast.",
                "attribute mode of <tenancy>: 'pooled' is not allowed here: use one of shared, sharded.",
                "attribute unknownTenants of <tenancy>: 'no' is not allowed here: use one of admit, reject.",
                "attribute max of <tenant>: '0' is too small: the least allowed here is 1."), p, e.getMessage());
    }

    @Test
    void aPoolLargerThanTheEngineCanHoldIsRefusedByTheCheckNotOnlyAtStart() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <maxSize>1020</maxSize>
                    <burstMaxSize>5</burstMaxSize>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(List.of(f + ":5:12: pool 'a': maxSize + burstMaxSize (1020 + 5) must not exceed 1024,"
                + " the most connections one pool may hold"), e.problems());
    }

    @Test
    void aFileTheSchemaRefusesIsStillCheckedForEverythingElseInTheSameRun() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl><minIdel>1</minIdel></pool>
                  <pool name="b" driver="h2"><jdbcUrl>jdbc:h2:mem:b</jdbcUrl><minIdle>5</minIdle><maxSize>2</maxSize></pool>
                  <pool name="c" driver="h2"><jdbcUrl>jdbc:h2:mem:c</jdbcUrl><password>${env:UNSET_ONE}</password></pool>
                  <pool name="a" driver="h2"><jdbcUrl>jdbc:h2:mem:d</jdbcUrl></pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        List<String> p = e.problems();
        assertEquals(4, p.size(), e.getMessage());
        assertTrue(p.get(0).startsWith(f + ":3:") && p.get(0).contains("<minIdel>"), p.get(0));
        assertTrue(p.stream().anyMatch(l -> l.startsWith(f + ":4:") && l.contains("minIdle (5) must not exceed maxSize (2)")),
                e.getMessage());
        assertTrue(p.stream().anyMatch(l -> l.startsWith(f + ":5:") && l.contains("UNSET_ONE")), e.getMessage());
        assertTrue(p.stream().anyMatch(l -> l.startsWith(f + ":6:") && l.contains("duplicate pool name 'a'")), e.getMessage());
    }

    /**
     * configuration.md: errors name "all of them in one run". The parser checks nothing more
     * in an element after the first child it refuses there; every later one is still reported.
     */
    @Test
    void aRefusedElementDoesNotHideTheLaterProblemsOfItsParent() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <minIdel>1</minIdel>
                    <maxSise>3</maxSise>
                    <maxSize>4</maxSize>
                    <maxSize>5</maxSize>
                    <borrowTimeout>soon</borrowTimeout>
                    <replicas><replica name="r"><jdbcUrl>jdbc:h2:mem:r</jdbcUrl><user>u</user><maxSize>2</maxSize></replica></replicas>
                  </pool>
                  <pool name="b" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:b</jdbcUrl>
                    <idelTimeout>1s</idelTimeout>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        List<String> p = e.problems().stream().map(l -> l.substring(f.toString().length() + 1)).toList();
        assertEquals(7, p.size(), e.getMessage());
        assertTrue(p.get(0).startsWith("5:12: element <minIdel> is not allowed here. Did you mean <minIdle>?"), p.get(0));
        assertTrue(p.get(1).startsWith("6:12: element <maxSise> is not allowed here. Did you mean <maxSize>?"), p.get(1));
        assertEquals("8:12: element <maxSize> is given twice in <pool> (first at line 7, column 12): keep one.", p.get(2));
        assertTrue(p.get(3).startsWith("9:38: <borrowTimeout>: 'soon' is not a duration"), p.get(3));
        assertEquals("10:69: element <user> does not belong in <replica>. A <replica> takes only its <jdbcUrl>: replicas"
                + " log in with the pool's <user> and <password>.", p.get(4));
        assertEquals("10:86: element <maxSize> does not belong in <replica>: it goes in <pool>.", p.get(5));
        assertTrue(p.get(6).startsWith("14:16: element <idelTimeout> is not allowed here. Did you mean <idleTimeout>?"),
                p.get(6));
    }

    /**
     * A file in ISO-8859-1 (declared so) is reported as the same file in UTF-8 is: the later rounds of the
     * check, which find what the first refused element hid, read it in its own encoding too.
     */
    @Test
    void aFileInItsDeclaredEncodingIsReportedAsTheSameFileInUtf8() throws Exception {
        String body = """
                <poold xmlns="urn:poold:config:1">
                  <pool name="a" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <minIdel>1</minIdel>
                    <!-- déjà vu --><borrowTimeout>bientôt</borrowTimeout>
                    <idleOrder>lïfo</idleOrder>
                  </pool>
                </poold>
                """;
        List<String> expected = problemsAfterThePath(Files.write(dir.resolve("utf8.xml"),
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body).getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, expected.size(), expected.toString());
        assertTrue(expected.get(1).contains("'bientôt' is not a duration"), expected.toString());
        for (java.nio.charset.Charset cs : List.of(StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16)) {
            Path f = Files.write(dir.resolve(cs.name() + ".xml"),
                    ("<?xml version=\"1.0\" encoding=\"" + cs.name() + "\"?>\n" + body).getBytes(cs));
            assertEquals(expected, problemsAfterThePath(f), cs.name());
        }
    }

    private List<String> problemsAfterThePath(Path f) {
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        return e.problems().stream().map(l -> l.substring(f.toString().length() + 1)).toList();
    }

    @Test
    void aMissingRequiredElementOrAttributeDoesNotHideTheFilesOtherProblems() throws Exception {
        Path f = write("""
                  <daemon><remoteLease>50ms</remoteLease></daemon>
                  <clients><user name="app"/></clients>
                  <jmx><user name="ops" hash="pbkdf2-sha256$600000$voxABqer9uxiBnM1GZjI6A$kDsegAG5HDaOBzcLaeT7DB4A8aSXX9TNNXR+sabVfu4"/></jmx>
                  <pool name="a" driver="h2" h2Admin="deliberate">
                    <minIdle>1</minIdle>
                  </pool>
                  <pool driver="h2" h2Admin="deliberate"><jdbcUrl>jdbc:h2:mem:b</jdbcUrl></pool>
                  <pool name="c" h2Admin="deliberate"><jdbcUrl>jdbc:h2:mem:c</jdbcUrl></pool>
                  <pool name="d" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:d</jdbcUrl>
                    <minIdle>5</minIdle>
                    <maxSize>2</maxSize>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        List<Integer> lines = e.problems().stream()
                .map(l -> Integer.parseInt(l.substring(f.toString().length() + 1).split(":")[0])).toList();
        assertEquals(List.of(3, 4, 5, 8, 9, 10, 13), lines.stream().sorted().toList(), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(l -> l.startsWith(f + ":4:") && l.endsWith("<user> needs attribute"
                + " hash=\"...\": poold --hash-password makes the hash.")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(l -> l.startsWith(f + ":10:") && l.endsWith("<pool> needs attribute"
                + " driver=\"...\".")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(l -> l.startsWith(f + ":3:") && l.contains("remoteLease")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(l -> l.startsWith(f + ":13:") && l.contains("minIdle (5)")),
                e.getMessage());
    }

    @Test
    void aTenantOrReplicaWithoutItsNameDoesNotHideTheFilesOtherProblems() throws Exception {
        Path f = write("""
                  <clients><user name="app"/></clients>
                  <pool name="a" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://127.0.0.1/x</jdbcUrl>
                    <clientUsers>app nobody ghost</clientUsers>
                    <tenancy><tenant max="2"/></tenancy>
                    <replicas><replica><jdbcUrl>jdbc:postgresql://127.0.0.2/x</jdbcUrl></replica></replicas>
                  </pool>
                  <pool name="d" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:d</jdbcUrl>
                    <minIdle>5</minIdle>
                    <maxSize>2</maxSize>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        List<String> p = e.problems().stream().map(l -> l.substring(f.toString().length() + 1)).toList();
        assertEquals(6, p.size(), e.getMessage());
        assertTrue(p.get(0).startsWith("3:") && p.get(0).contains("<user> needs attribute hash"), e.getMessage());
        assertTrue(p.get(1).startsWith("7:") && p.get(1).contains("<tenant> needs attribute name"), e.getMessage());
        assertTrue(p.get(2).startsWith("8:") && p.get(2).contains("<replica> needs attribute name"), e.getMessage());
        // app is declared, if broken at its own line: only the names <clients> lacks, each said.
        assertTrue(p.get(3).startsWith("6:") && p.get(3).contains("clientUsers names 'nobody'"), e.getMessage());
        assertTrue(p.get(4).startsWith("6:") && p.get(4).contains("clientUsers names 'ghost'"), e.getMessage());
        assertTrue(p.get(5).startsWith("12:") && p.get(5).contains("minIdle (5) must not exceed maxSize (2)"),
                e.getMessage());
    }

    @Test
    void aBoundOfAnAttributeWithItsOwnTypeIsExplainedToo() throws Exception {
        Path f = write("""
                  <pool name="b" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://db/app</jdbcUrl>
                    <tenancy mode="sharded" maxTenants="0"/>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(List.of(f + ":5:43: attribute maxTenants of <tenancy>: '0' is too small: the least allowed here is 1."),
                e.problems());
    }

    @Test
    void aFileMovedAwaySaysSoInsteadOfRepeatingItsPath() {
        Path gone = dir.resolve("moved.xml");
        var e = assertThrows(ConfigException.class, () -> loader.load(gone));
        assertEquals(List.of(gone + ": the configuration file does not exist (any more)"), e.problems());
    }

    @Test
    void poolsKeepFileOrder() throws Exception {
        Path f = write("""
                  <pool name="c" driver="h2"><jdbcUrl>jdbc:h2:mem:c</jdbcUrl></pool>
                  <pool name="a" driver="h2"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl></pool>
                  <pool name="b" driver="h2"><jdbcUrl>jdbc:h2:mem:b</jdbcUrl></pool>""");
        assertEquals(List.of("c", "a", "b"), List.copyOf(loader.load(f).pools().keySet()));
    }

    @Test
    void everyProblemInAFileIsReportedInOneRun() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:postgresql://x/y</jdbcUrl>
                  </pool>
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:b</jdbcUrl>
                  </pool>
                  <pool name="c" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:c</jdbcUrl>
                    <password>${env:UNSET_ONE}</password>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith(f + ":4:"), e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith(f + ":6:"), e.problems().get(1));
        assertTrue(e.problems().get(2).startsWith(f + ":11:"), e.problems().get(2));
    }

    @Test
    void everySettingAPoolRefusesIsReportedInOneRunBesideItsOtherProblems() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <password>${env:UNSET_ONE}</password>
                    <minIdle>5</minIdle>
                    <maxSize>2</maxSize>
                    <validationTimeout>0</validationTimeout>
                    <reaperInterval>0</reaperInterval>
                    <createBackoffInitial>2s</createBackoffInitial>
                    <createBackoffMax>500ms</createBackoffMax>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(List.of(
                f + ":5:13: pool 'a': password: environment variable UNSET_ONE is not set: set it for the daemon"
                        + " (systemd: Environment= or EnvironmentFile= in poold.service) or change the reference",
                f + ":6:12: pool 'a': minIdle (5) must not exceed maxSize (2)",
                f + ":8:22: pool 'a': validationTimeout must be a duration > 0; got 0",
                f + ":9:19: pool 'a': reaperInterval must be a duration > 0; got 0",
                f + ":11:21: pool 'a': createBackoffMax (500ms) must not be below createBackoffInitial (2s)"),
                e.problems());
    }

    /** configuration.md: every duration at most 36500d; a longer one is refused with that bound, never capped. */
    @Test
    void aDurationAboveTheLongestIsRefusedWithTheBoundHoweverManyDigitsItHas() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <idleTimeout>100000d</idleTimeout>
                    <maxLifetime>99999999999999999999d</maxLifetime>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).endsWith("idleTimeout: '100000d' is too large: the longest duration is 36500d"
                + " (100 years, 3153600000000ms)"), e.getMessage());
        assertTrue(e.problems().get(1).endsWith("maxLifetime: '99999999999999999999d' is too large: the longest"
                + " duration is 36500d (100 years, 3153600000000ms)"), e.getMessage());
    }

    @Test
    void aSettingRefusedBecauseAnotherDidNotParseIsNotReportedTwice() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <createBackoffInitial>99999999999999999d</createBackoffInitial>
                    <createBackoffMax>1ms</createBackoffMax>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().getFirst().startsWith(f + ":5:"), e.getMessage());
    }

    @Test
    void secretReferencesInTheUrlAreRefusedBecauseTheUrlIsLogged() throws Exception {
        Path f = write("""
                  <pool name="a" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://x/y?password=${env:DB_PW}</jdbcUrl>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.getMessage().contains("jdbcUrl cannot hold a ${...} reference"), e.getMessage());
    }

    @Test
    void resolvedSecretsNeverAppearInProblemsOrToString() throws Exception {
        Path f = write("""
                  <pool name="a" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://x/y</jdbcUrl>
                    <password>${env:DB_PW}</password>
                    <driverProperties><property name="sslpassword" value="${env:DB_PW}"/></driverProperties>
                  </pool>
                  <pool name="b" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://x/y</jdbcUrl>
                    <password>${env:DB_PW}</password>
                    <minIdle>50</minIdle>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        Path ok = write("""
                  <pool name="a" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://x/y</jdbcUrl>
                    <password>${env:DB_PW}</password>
                    <driverProperties><property name="sslpassword" value="${env:DB_PW}"/></driverProperties>
                  </pool>""");
        DaemonConfig c = loader.load(ok);
        assertFalse(c.toString().contains(SECRET), c.toString());
    }

    /** Each file marks the line its error must be reported on with an ERROR comment. */
    static Stream<Path> brokenFiles() throws IOException {
        return TestFiles.brokenConfigs().stream();
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void everyBrokenFileIsRefusedAtTheMarkedLine(Path file) throws IOException {
        var e = assertThrows(ConfigException.class, () -> loader.load(file));
        int line = TestFiles.markedErrorLine(file);
        assertTrue(e.problems().get(0).startsWith(file + ":" + line + ":"),
                "expected the first problem on line " + line + ", got: " + e.getMessage());
    }

    private static final String HASH = "pbkdf2-sha256$1000$c2FsdHNhbHQ$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY";

    @Test
    void jmxUsersAreReadWithTheirRolesApartFromClientUsers() throws Exception {
        Path f = write("""
                  <clients>
                    <user name="app" hash="%1$s"/>
                  </clients>
                  <jmx>
                    <user name="ops" hash="%1$s" role="operate"/>
                    <user name="grafana" hash="%1$s" role=" monitor "/>
                  </jmx>
                  <pool name="a" driver="h2" h2Admin="deliberate"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl></pool>""".formatted(HASH));
        DaemonConfig c = loader.load(f);
        assertEquals(List.of(new JmxUser("ops", HASH, JmxRole.OPERATE), new JmxUser("grafana", HASH, JmxRole.MONITOR)),
                c.jmxUsers());
        assertEquals(List.of(new ClientUser("app", HASH)), c.clients());
        assertFalse(c.jmxUsers().toString().contains(HASH), c.jmxUsers().toString());
        assertEquals(List.of(), loader.load(write("")).jmxUsers(), "no <jmx>: nobody");
    }

    @Test
    void jmxUserMistakesAreRefusedAtTheirLineAndColumn() throws Exception {
        Path role = write("""
                  <jmx>
                    <user name="ops" hash="%s" role="admin"/>
                  </jmx>""".formatted(HASH));
        var unknownRole = assertThrows(ConfigException.class, () -> loader.load(role));
        assertEquals(List.of(role + ":4:116: attribute role of <user>: 'admin' is not allowed here: use one of monitor, operate."),
                unknownRole.problems());

        Path missing = write("""
                  <jmx>
                    <user name="ops" hash="%s"/>
                  </jmx>""".formatted(HASH));
        var noRole = assertThrows(ConfigException.class, () -> loader.load(missing));
        assertTrue(noRole.problems().getFirst().startsWith(missing + ":4:"), noRole.getMessage());
        assertTrue(noRole.problems().getFirst().contains("role"), noRole.getMessage());

        Path twice = write("""
                  <jmx>
                    <user name="ops" hash="%1$s" role="operate"/>
                    <user name="ops" hash="%1$s" role="monitor"/>
                  </jmx>""".formatted(HASH));
        var duplicate = assertThrows(ConfigException.class, () -> loader.load(twice));
        assertEquals(1, duplicate.problems().size(), duplicate.getMessage());
        assertTrue(duplicate.problems().getFirst().startsWith(twice + ":5:"), duplicate.getMessage());
        assertTrue(duplicate.problems().getFirst().endsWith(": duplicate JMX user 'ops' (first defined at line 4):"
                + " each user appears once"), duplicate.getMessage());

        Path weak = write("""
                  <jmx>
                    <user name="ops" hash="pbkdf2-sha256$10$c2FsdHNhbHQ$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY" role="operate"/>
                  </jmx>""");
        var fewIterations = assertThrows(ConfigException.class, () -> loader.load(weak));
        assertTrue(fewIterations.problems().getFirst().startsWith(weak + ":4:"), fewIterations.getMessage());
        assertTrue(fewIterations.problems().getFirst().contains(": JMX user 'ops': hash is not"),
                fewIterations.getMessage());

        Path badName = write("""
                  <jmx>
                    <user name="o p s" hash="%s" role="operate"/>
                  </jmx>""".formatted(HASH));
        var name = assertThrows(ConfigException.class, () -> loader.load(badName));
        assertTrue(name.problems().getFirst().startsWith(badName + ":4:"), name.getMessage());
        assertTrue(name.problems().getFirst().contains("'o p s' is not a valid name"), name.getMessage());

        Path order = write("""
                  <jmx/>
                  <clients/>""");
        var misplaced = assertThrows(ConfigException.class, () -> loader.load(order));
        assertTrue(misplaced.problems().getFirst().startsWith(order + ":4:"), misplaced.getMessage());
    }

    @Test
    void typoInAnElementNameSuggestsTheRightOne() throws Exception {
        Path f = TestFiles.brokenConfig("unknown-element.xml");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.getMessage().contains("<minIdel> is not allowed here. Did you mean <minIdle>?"), e.getMessage());
    }

    @Test
    void anUnknownAttributeSaysWhatWasMeant() throws Exception {
        Path f = write("""
                  <pool name="orders" borowTimeout="3s" drivr="postgresql">
                    <jdbcUrl>jdbc:postgresql://127.0.0.1:5432/app</jdbcUrl>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(f + ":3:") && p.endsWith(
                "attribute borowTimeout is not allowed on <pool>. Settings are elements: write"
                        + " <borrowTimeout>...</borrowTimeout> inside <pool>.")), e.getMessage());
        Path g = write("""
                  <pool name="orders" drivr="postgresql">
                    <jdbcUrl>jdbc:postgresql://127.0.0.1:5432/app</jdbcUrl>
                  </pool>""");
        var misspelt = assertThrows(ConfigException.class, () -> loader.load(g));
        assertTrue(misspelt.getMessage().contains("attribute drivr is not allowed on <pool>. Did you mean driver=\"...\"?"),
                misspelt.getMessage());
    }

    private static final String SHIPPED_DEMO_HASH =
            "pbkdf2-sha256$600000$i0yY4veslqxOgSOePyvpSg$NJg0YSBcghCf8HGji+WzWlEhXnUljeXBhqx+bqqxODw";

    @Test
    void publishedH2PoolWhoseUserIsAnAdministratorIsRefusedAtItsLine() throws Exception {
        Path f = write("""
                  <clients><user name="app" hash="%s"/><user name="ops" hash="%s"/></clients>
                  <pool name="scratch" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:scratch</jdbcUrl>
                    <clientUsers>app</clientUsers>
                  </pool>""".formatted(HASH, HASH));
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(1, e.problems().size(), e.getMessage());
        String p = e.problems().getFirst();
        assertTrue(p.matches("\\Q" + f + "\\E:4:\\d+: pool 'scratch': client users \\(app\\) may use this pool, and it"
                + " logs in to its in-memory H2 database as an administrator .*"), p);
        assertTrue(p.contains("<h2UnprivilegedUser schema=\"APP\"/>") && p.contains("h2Admin=\"deliberate\""), p);
    }

    @Test
    void anH2FileDatabaseCountsAsAdministeredByItsUserBecauseNothingCanTellBeforeConnecting() throws Exception {
        Path f = write("""
                  <clients><user name="app" hash="%s"/></clients>
                  <pool name="files" driver="h2"><jdbcUrl>jdbc:h2:file:/var/lib/poold/files</jdbcUrl></pool>"""
                .formatted(HASH));
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.getMessage().contains("pool 'files': client users (app) may use this pool, and it may log in to"
                + " H2 as an administrator"), e.getMessage());
    }

    @Test
    void h2AdminDeliberateAcceptsAPublishedAdministrator() throws Exception {
        Path f = write("""
                  <clients><user name="app" hash="%s"/></clients>
                  <pool name="scratch" driver="h2" h2Admin="deliberate"><jdbcUrl>jdbc:h2:mem:scratch</jdbcUrl></pool>"""
                .formatted(HASH));
        assertNull(loader.load(f).pools().get("scratch").h2User());
    }

    @Test
    void anH2PoolNoClientUserMayUseNeedsNothing() throws Exception {
        Path f = write("""
                  <clients><user name="app" hash="%s"/></clients>
                  <pool name="local" driver="h2"><jdbcUrl>jdbc:h2:mem:local</jdbcUrl><clientUsers/></pool>"""
                .formatted(HASH));
        assertEquals(List.of(), loader.load(f).pools().get("local").clientUsers());
        Path noClients = write("""
                  <pool name="local" driver="h2"><jdbcUrl>jdbc:h2:mem:local</jdbcUrl></pool>""");
        assertNull(loader.load(noClients).pools().get("local").clientUsers());
    }

    @Test
    void h2UnprivilegedUserNamesTheDatabaseAndMakesItsSchemaTheDefault() throws Exception {
        Path f = write("""
                  <clients><user name="app" hash="%s"/></clients>
                  <pool name="shop" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:shop_1</jdbcUrl>
                    <user>shop</user>
                    <h2UnprivilegedUser schema="Sales"/>
                  </pool>""".formatted(HASH));
        PoolDefinition shop = loader.load(f).pools().get("shop");
        assertEquals(new UnprivilegedH2User("shop_1", "SALES"), shop.h2User());
        assertEquals("SALES", shop.config().defaultSchema());
    }

    @Test
    void h2UnprivilegedUserRefusesWhatWouldUndoIt() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a;MODE=PostgreSQL</jdbcUrl>
                    <password>x</password>
                    <defaultSchema>PUBLIC</defaultSchema>
                    <h2UnprivilegedUser schema="APP"/>
                  </pool>
                  <pool name="b" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://db/b</jdbcUrl>
                    <h2UnprivilegedUser schema="APP"/>
                  </pool>
                  <pool name="c" driver="h2" h2Admin="deliberate">
                    <jdbcUrl>jdbc:h2:mem:c</jdbcUrl>
                    <user>c</user>
                    <h2UnprivilegedUser schema="APP"/>
                  </pool>
                  <pool name="d" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:d</jdbcUrl>
                    <user>"d"</user>
                    <h2UnprivilegedUser schema="APP"/>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        List<String> p = e.problems();
        assertEquals(7, p.size(), e.getMessage());
        assertTrue(p.get(0).startsWith(f + ":4:") && p.get(0).contains("jdbcUrl must be jdbc:h2:mem:NAME"), p.get(0));
        assertTrue(p.get(1).startsWith(f + ":7:") && p.get(1).contains("needs <user>"), p.get(1));
        assertTrue(p.get(2).startsWith(f + ":5:") && p.get(2).contains("give no <password>"), p.get(2));
        assertTrue(p.get(3).startsWith(f + ":6:") && p.get(3).contains("defaultSchema PUBLIC is not the schema"), p.get(3));
        assertTrue(p.get(4).startsWith(f + ":11:") && p.get(4).contains("for driver=\"h2\" pools only"), p.get(4));
        assertTrue(p.get(5).startsWith(f + ":13:") && p.get(5).contains("contradicts <h2UnprivilegedUser>"), p.get(5));
        assertTrue(p.get(6).startsWith(f + ":20:") && p.get(6).contains("must be a letter"), p.get(6));
    }

    /**
     * A problem reaches more readers than the file: the log, poolctl reload, and every JMX
     * user (role monitor too) through the poold.config.rejected notification of a reload.
     */
    @Test
    void aRefusedJdbcUrlIsQuotedWithItsPasswordMasked() throws Exception {
        Path f = write("""
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a;USER=sa;PASSWORD=Hunter2-secret</jdbcUrl>
                    <user>a</user>
                    <h2UnprivilegedUser schema="APP"/>
                  </pool>""");
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(1, e.problems().size(), e.getMessage());
        String p = e.problems().getFirst();
        assertTrue(p.endsWith("got jdbc:h2:mem:a;USER=sa;PASSWORD=***"), p);
        assertFalse(e.getMessage().contains("Hunter2"), e.getMessage());
    }

    @Test
    void aShippedDemoHashIsRefusedBeyondLoopbackNamingTheUser() throws Exception {
        Path f = write("""
                  <daemon><listenAddress>192.0.2.10</listenAddress></daemon>
                  <clients>
                    <user name="app" hash="%s"/>
                    <user name="demo" hash="%s"/>
                  </clients>""".formatted(HASH, SHIPPED_DEMO_HASH));
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(1, e.problems().size(), e.getMessage());
        String p = e.problems().getFirst();
        assertTrue(p.startsWith(f + ":6:"), p);
        assertTrue(p.endsWith(": client user 'demo' still has the demo hash config/pools.xml ships (its"
                + " password, \"demo\", is written there for anyone to read), and listenAddress 192.0.2.10 lets other"
                + " hosts log in: give the user a password of your own (poold --hash-password prints its hash) or"
                + " remove the user, or listen on 127.0.0.1"), p);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost"})
    void aShippedDemoHashIsAcceptedOnLoopback(String address) throws Exception {
        Path f = write("""
                  <daemon><listenAddress>%s</listenAddress></daemon>
                  <clients><user name="demo" hash="%s"/></clients>""".formatted(address, SHIPPED_DEMO_HASH));
        assertEquals("demo", loader.load(f).clients().getFirst().name());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0.0.0.0", "::", "db.example.org", "10.1.2.3"})
    void anyAddressButLoopbackCountsAsReachableFromOtherHosts(String address) throws Exception {
        Path f = write("""
                  <daemon><listenAddress>%s</listenAddress></daemon>
                  <clients><user name="demo" hash="%s"/></clients>""".formatted(address, SHIPPED_DEMO_HASH));
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.getMessage().contains("client user 'demo' still has the demo hash"), e.getMessage());
        Path own = write("""
                  <daemon><listenAddress>%s</listenAddress></daemon>
                  <clients><user name="demo" hash="%s"/></clients>""".formatted(address, HASH));
        assertEquals("demo", loader.load(own).clients().getFirst().name());
    }
}
