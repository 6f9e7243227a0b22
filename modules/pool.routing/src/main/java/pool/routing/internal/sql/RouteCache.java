package pool.routing.internal.sql;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import pool.engine.internal.sql.ReadClassifier;
import pool.engine.internal.sql.Route;

/**
 * {@link ReadClassifier#route} by statement text, remembered: applications run the same few
 * statements over and over, so a lookup is a hash and an equality check. Bounded by entries
 * and characters as the engine's session-effects cache is, so that endless distinct SQL from
 * a client costs bounded memory: past either bound the table starts afresh. One per pool.
 */
public final class RouteCache {

    static final int MAX_ENTRIES = 2048;
    static final long MAX_CHARS = 512 * 1024;
    static final int MAX_TEXT = 16 * 1024;

    private final ReadClassifier classifier;
    private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();

    public RouteCache(ReadClassifier classifier) {
        this.classifier = classifier;
    }

    /** @return where {@code sql}, run in autocommit, may go */
    public Route route(String sql) {
        Route known = routes.get(sql);
        if (known != null) {
            return known;
        }
        Route r = classifier.route(sql);
        if (sql.length() <= MAX_TEXT) {
            if (routes.size() >= MAX_ENTRIES || chars.addAndGet(sql.length()) > MAX_CHARS) {
                routes.clear(); // racing clears may leave the count off by a few texts; reset with the table
                chars.set(sql.length());
            }
            routes.put(sql, r);
        }
        return r;
    }
}
