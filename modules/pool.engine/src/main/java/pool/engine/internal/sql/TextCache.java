package pool.engine.internal.sql;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What a function of a statement's text answered, remembered by text: applications run the
 * same few statements over and over, and a lookup costs a hash (cached in a string that is
 * reused, as literals are) and an equality check, no allocation. One per pool and question.
 *
 * <p>Bounded by entries and by the characters of the texts it holds, so that a client
 * sending endless distinct SQL costs the daemon a bounded amount of memory: when either
 * bound would be passed the table starts afresh. Texts longer than an entry may be are
 * answered every time (reading them costs in proportion to their length anyway).
 *
 * @param <V> the answer; keep answers shared instances (cached boxes, enum constants) so that
 *            a miss does not allocate one either
 */
public final class TextCache<V> {

    /** Entries before the table starts afresh. */
    static final int MAX_ENTRIES = 2048;
    /** Characters of all texts held: 1 MiB of UTF-16 at most, beside the map's own entries. */
    static final long MAX_CHARS = 512 * 1024;
    /** Longest text remembered. */
    static final int MAX_TEXT = 16 * 1024;

    private final Function<String, V> answer;
    private final ConcurrentHashMap<String, V> known = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();

    /** @param answer a pure function of the text, never null */
    public TextCache(Function<String, V> answer) {
        this.answer = answer;
    }

    /** @return {@code answer} of {@code sql} */
    public V get(String sql) {
        V v = known.get(sql);
        if (v != null) {
            return v;
        }
        v = answer.apply(sql);
        if (sql.length() <= MAX_TEXT) {
            remember(sql, v);
        }
        return v;
    }

    /**
     * Remembers {@code v} for {@code sql} in place of what the function answered, within the
     * same bounds: for an answer that experience changed (a text once found to be another kind).
     * A text longer than an entry may be is not remembered, and the function answers it again.
     */
    public void put(String sql, V v) {
        if (sql.length() <= MAX_TEXT) {
            remember(sql, v);
        }
    }

    private void remember(String sql, V v) {
        if (known.size() >= MAX_ENTRIES || chars.addAndGet(sql.length()) > MAX_CHARS) {
            // Racing clears and puts may leave the count off by a few texts; it is reset here
            // with the table, so the error never accumulates.
            known.clear();
            chars.set(sql.length());
        }
        known.put(sql, v);
    }

    /** @return the number of texts remembered (tests) */
    int size() {
        return known.size();
    }
}
