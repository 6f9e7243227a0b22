package pool.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void everyUnitParses() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
    }

    @Test
    void bareZeroIsZeroAndSurroundingSpaceIsIgnored() {
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals(Duration.ofSeconds(5), Durations.parse(" 5s\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "30 s", "1.5s", "-1s", "1m30s", "10sec", "PT30S", "s"})
    void anythingElseIsRefusedWithTheFormatToUse(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("500ms, 30s, 10m or 1h"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999999999999d", "99999999999999d", "9999999999999999999999d", "36501d",
            "100000d", "876001h", "3153600000001ms"})
    void aDurationAboveTheLongestIsRefusedWithTheBoundNotCalledMalformedNorCapped(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("'" + text + "' is too large: the longest duration is 36500d (100 years, 3153600000000ms)",
                e.getMessage());
    }

    @Test
    void theLongestItselfIsTaken() {
        assertEquals(Duration.ofDays(36_500), Durations.parse("36500d"));
        assertEquals(Duration.ofDays(36_500), Durations.parse("876000h"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1ms", "1500ms", "30s", "90s", "10m", "1h", "36h", "2d"})
    void formatIsTheInverseOfParse(String text) {
        assertEquals(text, Durations.format(Durations.parse(text)));
    }
}
