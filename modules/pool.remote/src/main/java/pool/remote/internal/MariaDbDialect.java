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

    @Override
    public pool.protocol.SessionInfo.Driver driver() {
        return pool.protocol.SessionInfo.Driver.MARIADB;
    }

    /** {@link #onlyReads} per text: asked on every execution of a pool with replicas. */
    private final TextCache<Boolean> reads = new TextCache<>(sql -> ReadClassifier.MARIADB.route(sql) == Route.READ);

    @Override
    public boolean readsOpenResultsBeforeNextStatement() {
        return true;
    }

    /**
     * One row at a time. Connector/J reads as many rows as the fetch size off the socket at
     * once, every LOB value in them whole (the first ones while the statement executes): a
     * batch's fetch size of rows of several megabytes ran a 64 MB daemon out of heap before
     * one of them was sent. No round trip to the server depends on it (the server sends the
     * whole result; rows not yet read wait in the socket), so reading one row a time costs a
     * loop per row in the driver, and the daemon holds one row of the driver's beside the
     * batch it builds. Not for calls: with fetch size 1 reading a call's OUT parameter
     * failed with SQLState 42000 (Connector/J reads them from a one-row result, it seems
     * expecting it read to its end).
     */
    @Override
    public int driverFetchSize(int batch, boolean call) {
        return call ? batch : 1;
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
