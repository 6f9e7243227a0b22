package pool.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import pool.api.PoolConfig;
import pool.api.LiveSettings;

class LiveSettingTest {

    private static final LiveSettings DEFAULTS = PoolConfig.builder("p").jdbcUrl("jdbc:stub:p").build().liveSettings();

    @Test
    void everyLiveSettingHasOneEntryNamedAsTheFileNamesIt() {
        assertEquals(List.of("minIdle", "maxSize", "burstMaxSize", "borrowTimeout", "idleTimeout", "maxLifetime",
                "validationSkipWindow", "reaperInterval", "leakThreshold", "leakReclaim"),
                Arrays.stream(LiveSetting.values()).map(LiveSetting::settingName).toList());
        // One entry per single-valued component of LiveSettings: a new live setting needs a row
        // here. The tenancy (limits per tenant) changes through the file and a reload.
        assertEquals(Arrays.stream(LiveSettings.class.getRecordComponents()).map(c -> c.getName())
                .filter(n -> !n.equals("tenancy")).toList(),
                Arrays.stream(LiveSetting.values()).map(LiveSetting::settingName).toList());
    }

    @Test
    void valuesAreReadAsTheFileWritesThem() {
        assertEquals(30_000L, LiveSetting.BORROW_TIMEOUT.parse("30s"));
        assertEquals(500L, LiveSetting.IDLE_TIMEOUT.parse("500ms"));
        assertEquals(600_000L, LiveSetting.MAX_LIFETIME.parse("10m"));
        assertEquals(3_600_000L, LiveSetting.LEAK_THRESHOLD.parse("1h"));
        assertEquals(0L, LiveSetting.VALIDATION_SKIP_WINDOW.parse("0"));
        assertEquals(true, LiveSetting.LEAK_RECLAIM.parse("true"));
        assertEquals(false, LiveSetting.LEAK_RECLAIM.parse("FALSE"));
        assertEquals(12, LiveSetting.MAX_SIZE.parse("12"));
    }

    @Test
    void aBadValueSaysHowToWriteOne() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LiveSetting.BORROW_TIMEOUT.parse("30"))
                .getMessage().contains("a whole number and a unit (ms, s, m, h or d), for example 500ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LiveSetting.LEAK_RECLAIM.parse("yes"))
                .getMessage().contains("leakReclaim is true or false, not 'yes'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LiveSetting.REAPER_INTERVAL
                .parse("999999999999999999d")).getMessage().contains("too large"));
    }

    /** The bounds PoolConfig and pools.xsd give each setting: maxSize and reaperInterval need more than 0. */
    @Test
    void aValueBelowItsSettingsBoundIsRefusedNamingTheRealBound() {
        assertEquals("maxSize must be a whole number of connections >= 1; got '-1'", assertThrows(
                IllegalArgumentException.class, () -> LiveSetting.MAX_SIZE.parse("-1")).getMessage());
        assertEquals("maxSize must be a whole number of connections >= 1; got '0'", assertThrows(
                IllegalArgumentException.class, () -> LiveSetting.MAX_SIZE.parse("0")).getMessage());
        assertEquals("minIdle must be a whole number of connections >= 0; got '-1'", assertThrows(
                IllegalArgumentException.class, () -> LiveSetting.MIN_IDLE.parse("-1")).getMessage());
        assertEquals("burstMaxSize must be a whole number of connections >= 0; got 'x'", assertThrows(
                IllegalArgumentException.class, () -> LiveSetting.BURST_MAX_SIZE.parse("x")).getMessage());
        assertEquals(0, LiveSetting.MIN_IDLE.parse("0"));
        assertEquals(0, LiveSetting.BURST_MAX_SIZE.parse("0"));
        assertEquals("reaperInterval must be a duration > 0; got '0'", assertThrows(
                IllegalArgumentException.class, () -> LiveSetting.REAPER_INTERVAL.parse("0")).getMessage());
        assertEquals(0L, LiveSetting.LEAK_THRESHOLD.parse("0"));
        assertEquals(1, LiveSetting.MAX_SIZE.minimum());
        assertEquals(1, LiveSetting.REAPER_INTERVAL.minimum());
    }

    @Test
    void aDurationAboveTheLongestIsRefusedWithTheBoundByEverySetting() {
        for (LiveSetting s : LiveSetting.values()) {
            if (s.kind() != LiveSetting.Kind.DURATION) {
                continue;
            }
            assertEquals(s.settingName() + ": '99999999999999d' is too large: the longest duration is 36500d"
                    + " (100 years, 3153600000000ms)", assertThrows(IllegalArgumentException.class,
                    () -> s.parse("99999999999999d")).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.parse("100000d")).getMessage()
                    .contains("'100000d' is too large: the longest duration is 36500d"));
            assertEquals(3_153_600_000_000L, s.parse("36500d"));
        }
        assertEquals("ReaperIntervalMillis must be 1 or more milliseconds, not 0", assertThrows(
                IllegalArgumentException.class, () -> LiveSetting.REAPER_INTERVAL.with(DEFAULTS, 0L)).getMessage());
        assertEquals("MaxSize must be 1 or more, not 0", assertThrows(
                IllegalArgumentException.class, () -> LiveSetting.MAX_SIZE.with(DEFAULTS, 0)).getMessage());
    }

    @Test
    void writingAndFormattingGoThroughTheSameValues() {
        LiveSettings s = LiveSetting.BORROW_TIMEOUT.with(DEFAULTS, LiveSetting.BORROW_TIMEOUT.parse("90s"));
        assertEquals(Duration.ofSeconds(90), s.borrowTimeout());
        assertEquals("90s", LiveSetting.BORROW_TIMEOUT.format(s));
        assertEquals("1500ms", LiveSetting.IDLE_TIMEOUT.formatAttribute(1500L));
        assertEquals("2m", LiveSetting.IDLE_TIMEOUT.formatAttribute(120_000L));
        s = LiveSetting.MIN_IDLE.with(s, 3);
        assertEquals(3, s.minIdle());
        assertEquals(DEFAULTS.maxSize(), s.maxSize());
        assertEquals(true, LiveSetting.LEAK_RECLAIM.with(s, true).leakReclaim());
        assertThrows(IllegalArgumentException.class, () -> LiveSetting.LEAK_THRESHOLD.with(DEFAULTS, -5L));
    }

    @Test
    void unknownNamesFindNothing() {
        assertTrue(LiveSetting.named("maxPending").isEmpty());
        assertEquals(LiveSetting.LEAK_RECLAIM, LiveSetting.named("leakReclaim").orElseThrow());
        assertTrue(LiveSetting.names().startsWith("minIdle, maxSize, burstMaxSize, borrowTimeout"));
    }
}
