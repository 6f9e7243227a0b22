package pool.remote.internal;

import java.sql.Savepoint;
import pool.engine.internal.sql.ReadClassifier;
import pool.engine.internal.sql.Route;
import pool.engine.internal.sql.TextCache;

/**
 * MariaDB through MariaDB Connector/J, which streams in autocommit by itself (so no implicit
 * transactions), but reads the rest of an open streaming result before it sends anything
 * else on the connection, and writes offset date-times in its JVM's zone.
 */
final class MariaDbDialect implements Dialect {

    /** {@link #onlyReads} per text: asked on every execution of a pool with replicas. */
    private final TextCache<Boolean> reads = new TextCache<>(sql -> ReadClassifier.MARIADB.route(sql) == Route.READ);

    @Override
    public boolean readsOpenResultsBeforeNextStatement() {
        return true;
    }

    @Override
    public boolean offsetsInJvmZone() {
        return true;
    }

    /** Connector/J counts unnamed savepoints per connection from 1. */
    @Override
    public int unnamedSavepointId(int n, Savepoint savepoint) {
        return n + 1;
    }

    @Override
    public boolean onlyReads(String sql) {
        return reads.get(sql);
    }
}
