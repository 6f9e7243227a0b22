package pool.engine.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionEffectsCacheTest {

    @Test
    void answersAsTheClassifierDoesAndRemembersTheText() {
        SessionEffectsCache cache = new SessionEffectsCache();
        assertEquals(0, cache.of("SELECT 1"));
        assertEquals(SessionEffects.SESSION, cache.of("SET x = 1"));
        assertEquals(SessionEffects.TRANSACTION, cache.of("BEGIN"));
        assertEquals(0, cache.of(new String("SELECT 1")), "an equal text, not the same string");
        assertEquals(3, cache.size());
    }

    @Test
    void endlessDistinctTextsKeepItWithinItsBounds() {
        SessionEffectsCache cache = new SessionEffectsCache();
        for (int i = 0; i < SessionEffectsCache.MAX_ENTRIES * 3; i++) {
            assertEquals(0, cache.of("SELECT " + i));
            assertTrue(cache.size() <= SessionEffectsCache.MAX_ENTRIES);
        }
        String big = "SELECT '" + "x".repeat(SessionEffectsCache.MAX_TEXT / 2) + "'";
        for (int i = 0; i < 200; i++) {
            assertEquals(0, cache.of(big + i));
            assertTrue(cache.size() * (long) big.length() <= SessionEffectsCache.MAX_CHARS + big.length() + 10,
                    "characters held stay bounded");
        }
        String huge = "SET x = '" + "y".repeat(SessionEffectsCache.MAX_TEXT) + "'";
        int before = cache.size();
        assertEquals(SessionEffects.SESSION, cache.of(huge));
        assertEquals(before, cache.size(), "too long to remember: classified, not kept");
    }
}
