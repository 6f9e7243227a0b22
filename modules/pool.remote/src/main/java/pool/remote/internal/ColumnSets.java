package pool.remote.internal;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import pool.protocol.Column;

/**
 * Names the column lists one endpoint sends, per SQL text, so that a client which already
 * holds a statement's columns gets its rows without them ({@code Op.Execute.knownColumns},
 * {@code Result.Executed.columnsId}). The daemon still reads the columns of every result
 * from the driver and compares them with the named set: a changed result (DDL, another
 * {@code search_path}) gets a new id and travels in full again.
 *
 * <p>Ids start at a random point per endpoint and are never reused by it, so a client's
 * id from an endpoint that has since been replaced (a restart, a reload) names nothing
 * here. Bounded: when full it forgets everything, and clients get full columns once more.
 */
final class ColumnSets {

    /** Statements remembered; more and the table starts afresh. */
    static final int MAX_ENTRIES = 2048;
    /** Longer SQL is not remembered: its columns always travel. */
    static final int MAX_SQL = 8192;

    private record Entry(List<Column> columns, long id) {
    }

    private final ConcurrentHashMap<String, Entry> bySql = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(ThreadLocalRandom.current().nextLong());

    /**
     * @param columns the result's columns, immutable
     * @return the id naming {@code columns} for {@code sql}, or 0 when it is not remembered
     */
    long id(String sql, List<Column> columns) {
        Entry e = bySql.get(sql);
        if (e != null && e.columns.equals(columns)) {
            return e.id;
        }
        if (sql.length() > MAX_SQL) {
            return 0;
        }
        long id;
        do {
            id = next.incrementAndGet();
        } while (id == 0);
        if (bySql.size() >= MAX_ENTRIES) {
            bySql.clear();
        }
        bySql.put(sql, new Entry(columns, id));
        return id;
    }

    int size() {
        return bySql.size();
    }
}
