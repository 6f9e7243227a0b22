package pool.client.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pool.protocol.Column;
import pool.protocol.Result;

/**
 * What a link remembers of its daemon so as not to ask again: the columns of statements by
 * SQL text, so the daemon need not send them with every first batch, and the argument-less
 * {@code DatabaseMetaData} properties.
 */
final class LinkCaches {

    /** A statement's columns as the daemon named them ({@code Result.Executed.columnsId}). */
    record KnownColumns(long id, List<Column> columns) {
    }

    /** Statements remembered; more and the table starts afresh. */
    static final int MAX_KNOWN_COLUMNS = 1024;

    private final ConcurrentHashMap<String, KnownColumns> columns = new ConcurrentHashMap<>();
    private volatile Map<String, Object> metaInfo;
    /** The backend driver, as the first borrow of the link said (see DriverErrors). */
    private volatile DriverErrors errors = DriverErrors.POOLD;

    /** @return the columns held for {@code sql}, or null */
    KnownColumns columns(String sql) {
        return columns.get(sql);
    }

    /** Remembers the columns the daemon sent for {@code sql} under its id {@code id}. */
    void rememberColumns(String sql, long id, List<Column> list) {
        if (columns.size() >= MAX_KNOWN_COLUMNS) {
            columns.clear();
        }
        columns.put(sql, new KnownColumns(id, list));
    }

    /** Forgets the columns: their ids name nothing in another daemon. */
    void daemonGone() {
        columns.clear();
    }

    /** @return the argument-less DatabaseMetaData properties, fetched once per data source and user; null before */
    DriverErrors errors() {
        return errors;
    }

    void driver(pool.protocol.SessionInfo.Driver driver) {
        errors = DriverErrors.of(driver);
    }

    Map<String, Object> metaInfo() {
        return metaInfo;
    }

    void metaInfo(Result.Meta meta) {
        Map<String, Object> map = new HashMap<>(meta.names().size() * 2);
        for (int i = 0; i < meta.names().size(); i++) {
            map.put(meta.names().get(i), meta.values()[i]);
        }
        metaInfo = Collections.unmodifiableMap(map);
    }
}
