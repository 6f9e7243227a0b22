package pool.engine.internal.sql;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link SessionEffects} by statement text, remembered: applications run the same few
 * statements over and over, and a lookup costs a hash (cached in a string that is reused,
 * as literals are) and an equality check, no allocation. One per pool.
 *
 * <p>Bounded by entries and by the characters of the texts it holds, so that a client
 * sending endless distinct SQL costs the daemon a bounded amount of memory: when either
 * bound would be passed the table starts afresh. Texts longer than a cache entry may be
 * are classified every time (their cost is proportional to their length anyway).
 */
public final class SessionEffectsCache {

    /** Entries before the table starts afresh. */
    static final int MAX_ENTRIES = 2048;
    /** Characters of all texts held: 1 MiB of UTF-16 at most, beside the map's own entries. */
    static final long MAX_CHARS = 512 * 1024;
    /** Longest text remembered. */
    static final int MAX_TEXT = 16 * 1024;

    // Integer.valueOf of 0..3 is a cached instance: neither a hit nor a miss boxes anew.
    private final ConcurrentHashMap<String, Integer> effects = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();

    /** @return {@link SessionEffects#of} {@code sql} */
    public int of(String sql) {
        Integer known = effects.get(sql);
        if (known != null) {
            return known;
        }
        int e = SessionEffects.of(sql);
        if (sql.length() <= MAX_TEXT) {
            remember(sql, e);
        }
        return e;
    }

    private void remember(String sql, int e) {
        if (effects.size() >= MAX_ENTRIES || chars.addAndGet(sql.length()) > MAX_CHARS) {
            // Racing clears and puts may leave the count off by a few texts; it is reset here
            // with the table, so the error never accumulates.
            effects.clear();
            chars.set(sql.length());
        }
        effects.put(sql, e);
    }

    /** @return the number of texts remembered (tests) */
    int size() {
        return effects.size();
    }
}
