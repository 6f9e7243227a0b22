package pool.remote.internal;

import pool.engine.internal.sql.ReadClassifier;
import pool.engine.internal.sql.Route;

/**
 * A driver the daemon knows nothing particular of (H2, ...): statements run as the client
 * sent them, values as they are. MySQL Connector/J is one too, except that it also reads
 * an open streaming result before the next statement.
 */
final class GenericDialect implements Dialect {

    static final GenericDialect PLAIN = new GenericDialect(false);
    static final GenericDialect READS_OPEN_RESULTS = new GenericDialect(true);

    private final boolean readsOpenResults;

    private GenericDialect(boolean readsOpenResults) {
        this.readsOpenResults = readsOpenResults;
    }

    @Override
    public boolean readsOpenResultsBeforeNextStatement() {
        return readsOpenResults;
    }

    @Override
    public boolean onlyReads(String sql) {
        return ReadClassifier.ANY.route(sql) == Route.READ;
    }
}
