package pool.engine.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextCacheTest {

    @Test
    void answersAsTheClassifierDoesAndRemembersTheText() {
        TextCache<Integer> cache = new TextCache<>(SessionEffects::of);
        assertEquals(0, (int) cache.get("SELECT 1"));
        assertEquals(SessionEffects.SESSION, (int) cache.get("SET x = 1"));
        assertEquals(SessionEffects.TRANSACTION, (int) cache.get("BEGIN"));
        assertEquals(0, (int) cache.get(new String("SELECT 1")), "an equal text, not the same string");
        assertEquals(3, cache.size());
    }

    @Test
    void endlessDistinctTextsKeepItWithinItsBounds() {
        TextCache<Integer> cache = new TextCache<>(SessionEffects::of);
        for (int i = 0; i < TextCache.MAX_ENTRIES * 3; i++) {
            assertEquals(0, (int) cache.get("SELECT " + i));
            assertTrue(cache.size() <= TextCache.MAX_ENTRIES);
        }
        String big = "SELECT '" + "x".repeat(TextCache.MAX_TEXT / 2) + "'";
        for (int i = 0; i < 200; i++) {
            assertEquals(0, (int) cache.get(big + i));
            assertTrue(cache.size() * (long) big.length() <= TextCache.MAX_CHARS + big.length() + 10,
                    "characters held stay bounded");
        }
        String huge = "SET x = '" + "y".repeat(TextCache.MAX_TEXT) + "'";
        int before = cache.size();
        assertEquals(SessionEffects.SESSION, (int) cache.get(huge));
        assertEquals(before, cache.size(), "too long to remember: classified, not kept");
    }

    @Test
    void anAnswerPutReplacesTheFunctionsWithinTheSameBounds() {
        TextCache<Integer> cache = new TextCache<>(SessionEffects::of);
        assertEquals(0, (int) cache.get("SELECT f()"));
        cache.put("SELECT f()", SessionEffects.SESSION);
        assertEquals(SessionEffects.SESSION, (int) cache.get("SELECT f()"), "what experience said wins");
        String huge = "SELECT '" + "z".repeat(TextCache.MAX_TEXT) + "'";
        cache.put(huge, SessionEffects.SESSION);
        assertEquals(0, (int) cache.get(huge), "too long to remember: the function answers again");
        for (int i = 0; i < TextCache.MAX_ENTRIES * 2; i++) {
            cache.put("SELECT " + i, SessionEffects.SESSION);
            assertTrue(cache.size() <= TextCache.MAX_ENTRIES);
        }
    }
}
