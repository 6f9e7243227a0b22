package pool.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.api.Tenancy;
import pool.api.TenancyMode;
import pool.api.TenantLimits;
import pool.api.UnknownTenants;
import pool.daemon.ConfigException;

/** {@code <tenancy>} in a pool and {@code <user tenants=>} in clients, as docs/tenancy.md shows them. */
class TenancyConfigTest {

    private static final String HASH = "pbkdf2-sha256$1000$c2FsdHNhbHQ$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY";

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(new SecretResolver(Map.<String, String>of()::get));

    private Path write(String body) throws IOException {
        return Files.writeString(dir.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                """ + body + "\n</poold>\n");
    }

    private static String pool(String tenancy) {
        return """
                  <pool name="orders" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://127.0.0.1:5432/app</jdbcUrl>
                    <maxSize>10</maxSize>
                %s
                  </pool>""".formatted(tenancy);
    }

    /**
     * The schema wants <defaultTenant> before the tenants: written after them it is not "given
     * twice" (as the parser's words suggested) but too late, and the message says where to move it.
     * A second one is given twice, and says where the first is.
     */
    @Test
    void aDefaultTenantAfterTheTenantsIsToldToMoveUpAndASecondOneIsGivenTwice() throws Exception {
        Path late = write(pool("""
                    <tenancy>
                      <tenant name="acme" max="2"/>
                      <defaultTenant max="3"/>
                    </tenancy>"""));
        var e = assertThrows(ConfigException.class, () -> loader.load(late));
        assertEquals(List.of(late + ":8:27: element <defaultTenant> comes too late in <tenancy>: it must come before"
                + " <tenant> (line 7, column 32); move it up."), e.problems());
        Path twice = write(pool("""
                    <tenancy>
                      <defaultTenant max="3"/>
                      <defaultTenant max="4"/>
                      <tenant name="acme" max="x"/>
                    </tenancy>"""));
        var t = assertThrows(ConfigException.class, () -> loader.load(twice));
        assertEquals(List.of(twice + ":8:27: element <defaultTenant> is given twice in <tenancy> (first at line 7,"
                        + " column 27): keep one.",
                twice + ":9:32: attribute max of <tenant>: 'x' is not a whole number: write digits only, for example 10."),
                t.problems());
    }

    @Test
    void tenancyReachesPoolConfig() throws Exception {
        Path f = write(pool("""
                    <tenancy mode="shared" unknownTenants="reject" maxTenants="50" atMax="fail">
                      <defaultTenant min="1" max="3" weight="2"/>
                      <tenant name="acme" min="2" max="8" weight="3"/>
                      <tenant name="shop-eu" max="4"/>
                    </tenancy>"""));
        Tenancy t = loader.load(f).pools().get("orders").config().tenancy();
        assertEquals(TenancyMode.SHARED, t.mode());
        assertEquals(UnknownTenants.REJECT, t.unknownTenants());
        assertEquals(50, t.maxTenants());
        assertTrue(t.failAtMax());
        assertEquals(new TenantLimits(1, 3, 2), t.defaultLimits());
        assertEquals(new TenantLimits(2, 8, 3), t.tenants().get("acme"));
        assertEquals(new TenantLimits(0, 4, 1), t.tenants().get("shop-eu"));
        assertEquals(java.util.List.of("acme", "shop-eu"), java.util.List.copyOf(t.tenants().keySet()));
    }

    @Test
    void defaultsAreThoseOfTheBuilder() throws Exception {
        Path f = write(pool("<tenancy/>"));
        assertEquals(Tenancy.builder().build(), loader.load(f).pools().get("orders").config().tenancy());
        Path none = write(pool(""));
        assertNull(loader.load(none).pools().get("orders").config().tenancy());
    }

    @Test
    void sumOfMinsAboveMaxSizeIsRefusedAtTheTenancyLine() throws Exception {
        Path f = write(pool("""
                    <tenancy>
                      <tenant name="acme" min="6" max="8"/>
                      <tenant name="shop" min="5" max="8"/>
                    </tenancy>"""));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        String p = e.problems().getFirst();
        assertTrue(p.matches("\\Q" + f + "\\E:6:\\d+: pool 'orders': tenancy is invalid: the sum of the tenants' min"
                + " \\(11, the default min counted once\\) must not exceed maxSize \\(10\\).*"), p);
    }

    @Test
    void burstMaxSizeWithTenancyIsRefusedAtItsLine() throws Exception {
        Path f = write("""
                  <pool name="orders" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://127.0.0.1:5432/app</jdbcUrl>
                    <maxSize>10</maxSize>
                    <burstMaxSize>4</burstMaxSize>
                    <tenancy>
                      <tenant name="acme" max="8"/>
                    </tenancy>
                  </pool>""");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        String p = e.problems().getFirst();
        assertTrue(p.matches("\\Q" + f + "\\E:6:\\d+: pool 'orders': burstMaxSize \\(4\\) cannot be used with tenancy.*"), p);
    }

    @Test
    void tenantWhoseMinExceedsItsMaxIsRefusedAtItsLine() throws Exception {
        Path f = write(pool("""
                    <tenancy>
                      <tenant name="acme" min="3" max="2"/>
                    </tenancy>"""));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        String p = e.problems().getFirst();
        assertTrue(p.matches("\\Q" + f + "\\E:7:\\d+: pool 'orders': tenant 'acme': tenant min \\(3\\) must not exceed"
                + " its max \\(2\\)"), p);
    }

    @Test
    void duplicateTenantIsRefusedAtItsSecondLine() throws Exception {
        Path f = write(pool("""
                    <tenancy>
                      <tenant name="acme" max="2"/>
                      <tenant name="acme" max="3"/>
                    </tenancy>"""));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.problems().getFirst().matches("\\Q" + f + "\\E:8:\\d+: pool 'orders': tenant 'acme' is declared"
                + " twice \\(first at line 7\\).*"), e.problems().getFirst());
    }

    @Test
    void shardedNamedMaxesAboveMaxSizeAreRefused() throws Exception {
        Path f = write(pool("""
                    <tenancy mode="sharded" unknownTenants="reject">
                      <tenant name="acme" max="6"/>
                      <tenant name="shop" max="6"/>
                    </tenancy>"""));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.getMessage().contains("in sharded mode the sum of the named tenants' max (12) must not exceed"
                + " maxSize (10)"), e.getMessage());
    }

    @Test
    void shardedDefaultMinAboveWhatTheNamedTenantsLeaveIsRefused() throws Exception {
        Path f = write(pool("""
                    <tenancy mode="sharded">
                      <defaultTenant min="3" max="4"/>
                      <tenant name="acme" max="4"/>
                      <tenant name="shop" max="4"/>
                    </tenancy>"""));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.getMessage().contains("in sharded mode the default min (3) must fit in the sub-pool the named"
                + " tenants leave for the others (maxSize 10 minus their max 8 = 2)"), e.getMessage());
    }

    @Test
    void theDefaultMinDoesNotCountWhenUnknownTenantsAreRejected() throws Exception {
        Path f = write(pool("""
                    <tenancy unknownTenants="reject">
                      <defaultTenant min="2" max="4"/>
                      <tenant name="acme" min="5" max="8"/>
                      <tenant name="shop" min="5" max="8"/>
                    </tenancy>"""));
        assertEquals(10, loader.load(f).pools().get("orders").config().tenancy().reservedTotal(),
                "the named mins fill maxSize; no unknown tenant can ever hold the default min");
    }

    @Test
    void invalidTenantNameIsASchemaErrorWithLineAndColumn() throws Exception {
        Path f = write(pool("""
                    <tenancy>
                      <tenant name="bad name" max="2"/>
                    </tenancy>"""));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.problems().getFirst().startsWith(f + ":7:"), e.problems().getFirst());
    }

    @Test
    void clientUserIsBoundToItsTenants() throws Exception {
        Path f = write("""
                  <clients>
                    <user name="app1" hash="%1$s" tenants="acme  shop-eu"/>
                    <user name="app2" hash="%1$s"/>
                  </clients>
                """.formatted(HASH) + pool(""));
        DaemonConfig c = loader.load(f);
        assertEquals(Set.of("acme", "shop-eu"), c.clients().get(0).tenants());
        assertNull(c.clients().get(1).tenants());
    }

    @Test
    void clientUserWithAnEmptyTenantListIsRefusedAtItsLine() throws Exception {
        Path f = write("""
                  <clients>
                    <user name="app1" hash="%s" tenants=" "/>
                  </clients>
                """.formatted(HASH) + pool(""));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.problems().getFirst().matches("\\Q" + f + "\\E:4:\\d+: client user 'app1': tenants is empty: list"
                + " the tenants it may claim.*leave tenants out to let it claim any"), e.problems().getFirst());
    }
}
