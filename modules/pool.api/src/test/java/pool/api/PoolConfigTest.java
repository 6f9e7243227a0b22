package pool.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolConfigTest {

    private static PoolConfig.Builder orders() {
        return PoolConfig.builder("orders").jdbcUrl("jdbc:postgresql://127.0.0.1:5432/app");
    }

    @Test
    void defaultsAreThoseTheBuilderDocuments() {
        PoolConfig c = orders().build();
        assertEquals(0, c.minIdle());
        assertEquals(10, c.maxSize());
        assertEquals(Duration.ofSeconds(30), c.borrowTimeout());
        assertEquals(Duration.ofMillis(500), c.validationSkipWindow());
        assertEquals(Duration.ofMinutes(30), c.maxLifetime());
        assertEquals(Duration.ofMinutes(10), c.idleTimeout());
        assertEquals(Duration.ofMinutes(1), c.leakThreshold());
        assertFalse(c.leakReclaim());
        assertEquals(IdleOrder.LIFO, c.idleOrder());
        assertEquals(StackCapture.SAMPLED, c.leakStackCapture());
        assertEquals(Initialization.BACKGROUND, c.initialization());
    }

    @Test
    void invalidSettingIsNamedWithThePool() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> orders().minIdle(20).maxSize(10).build());
        assertTrue(e.getMessage().contains("pool 'orders'"), e.getMessage());
        assertTrue(e.getMessage().contains("minIdle (20) must not exceed maxSize (10)"), e.getMessage());
    }

    @Test
    void aRefusedDurationIsWrittenAsTheConfigurationWritesIt() {
        assertRefused(orders().reaperInterval(Duration.ZERO), "reaperInterval must be a duration > 0; got 0");
        assertRefused(orders().borrowTimeout(Duration.ofMillis(-1500)), "borrowTimeout must be a duration >= 0; got -1500ms");
        assertRefused(orders().createBackoffInitial(Duration.ofSeconds(2)).createBackoffMax(Duration.ofMillis(500)),
                "createBackoffMax (500ms) must not be below createBackoffInitial (2s)");
    }

    @Test
    void everyInvalidSettingIsRefused() {
        assertRefused(orders().maxSize(0), "maxSize");
        assertRefused(orders().minIdle(-1), "minIdle");
        assertRefused(orders().maxPending(-1), "maxPending");
        assertRefused(orders().borrowTimeout(Duration.ofSeconds(-1)), "borrowTimeout");
        assertRefused(orders().reaperInterval(Duration.ZERO), "reaperInterval");
        assertRefused(orders().validationTimeout(Duration.ZERO), "validationTimeout");
        assertRefused(orders().leakStackSampleRate(1.5), "leakStackSampleRate");
        assertRefused(orders().maxConcurrentCreates(0), "maxConcurrentCreates");
        assertRefused(orders().createBackoffInitial(Duration.ofSeconds(5)).createBackoffMax(Duration.ofSeconds(1)),
                "createBackoffMax");
        assertRefused(orders().defaultTransactionIsolation(3), "defaultTransactionIsolation");
        assertRefused(orders().jdbcUrl("postgresql://x"), "jdbcUrl");
        assertRefused(PoolConfig.builder("no spaces").jdbcUrl("jdbc:x:y"), "name");
        assertRefused(orders().leakStackCapture(null), "leakStackCapture must be one of [OFF, SAMPLED, ALWAYS]");
        assertRefused(orders().idleOrder(null), "idleOrder must be one of [LIFO, FIFO]");
        assertRefused(orders().initialization(null), "initialization must be one of");
    }

    @Test
    void anEndlessDurationIsTakenAsOneHundredYears() {
        Duration forever = java.time.temporal.ChronoUnit.FOREVER.getDuration();
        Duration century = Duration.ofDays(36_500);
        PoolConfig c = orders().borrowTimeout(forever).maxLifetime(forever).leakThreshold(forever).build();
        assertEquals(century, c.borrowTimeout());
        assertEquals(century, c.liveSettings().withIdleTimeout(forever).idleTimeout());
        assertEquals(century, BorrowRequest.builder().timeout(forever).build().timeout());
        assertEquals(century.toNanos(), c.maxLifetime().toNanos(), "fits in nanoseconds");
    }

    @Test
    void toStringNeverShowsThePassword() {
        PoolConfig c = orders().user("app").password("s3cret-pw").build();
        assertFalse(c.toString().contains("s3cret-pw"), c.toString());
        assertTrue(c.toString().contains("<hidden>"));
    }

    @Test
    void driverPropertiesAreCopiedNotShared() {
        Map<String, String> props = new java.util.HashMap<>(Map.of("ssl", "false"));
        PoolConfig c = orders().driverProperties(props).build();
        props.put("ssl", "true");
        assertEquals("false", c.driverProperties().get("ssl"));
        assertThrows(UnsupportedOperationException.class, () -> c.driverProperties().put("x", "y"));
    }

    @Test
    void liveSettingsRoundTripThroughTheConfig() {
        PoolConfig c = orders().minIdle(2).maxSize(8).build();
        LiveSettings live = c.liveSettings().withSize(4, 16).withLeakReclaim(true);
        PoolConfig changed = c.with(live);
        assertEquals(4, changed.minIdle());
        assertEquals(16, changed.maxSize());
        assertTrue(changed.leakReclaim());
        assertEquals(live, changed.liveSettings());
        assertTrue(c.sameConnectionSettings(changed), "only live settings differ");
        assertFalse(c.sameConnectionSettings(c.toBuilder().user("other").build()), "user is a connection setting");
    }

    @Test
    void invalidLiveSettingsAreRefusedByTheConfigTheyAreAppliedTo() {
        PoolConfig c = orders().build();
        assertRefused(() -> c.with(c.liveSettings().withSize(5, 2)), "minIdle");
    }

    @Test
    void borrowRequestDefaultsAndValidation() {
        BorrowRequest r = BorrowRequest.builder().tenant("acme").readOnly().priority(Priority.HIGH).build();
        assertEquals("acme", r.tenant());
        assertEquals(Intent.READ_ONLY, r.intent());
        assertEquals(Priority.HIGH, r.priority());
        assertEquals(null, r.timeout());
        assertEquals(Intent.READ_WRITE, BorrowRequest.DEFAULT.intent());
        assertThrows(IllegalArgumentException.class, () -> BorrowRequest.builder().timeout(Duration.ofMillis(-1)).build());
    }

    private static void assertRefused(PoolConfig.Builder b, String setting) {
        assertRefused(b::build, setting);
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable build, String setting) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(setting), "message should name " + setting + ": " + e.getMessage());
    }
}
