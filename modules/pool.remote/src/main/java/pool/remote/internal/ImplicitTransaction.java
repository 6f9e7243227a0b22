package pool.remote.internal;

import java.sql.Connection;
import java.sql.SQLException;
import pool.protocol.Op;

/**
 * A transaction the daemon begins around one query of a client whose connection is in
 * autocommit, where the driver streams a result only inside a transaction.
 *
 * <p>PostgreSQL's driver ignores the fetch size in autocommit and reads the whole result
 * into memory; a large result would then have to fit into the daemon's heap. Inside a
 * transaction it reads batch by batch through a portal. So a query that may return more
 * rows than one batch runs with autocommit switched off for it, and the transaction ends
 * when the statement would have ended in autocommit: when its result is read to the end or
 * closed, when the connection is released or its lease expires, or when the client sends
 * anything on the connection that must not run inside this transaction (then the rest of
 * the result is read into memory first, as drivers do in autocommit).
 *
 * <p>It ends with COMMIT, as the database ends an autocommit statement: PostgreSQL answers
 * COMMIT of a transaction that an error aborted with a rollback, so a statement that failed
 * (mid-stream too) leaves nothing behind, and one that succeeded stays, whatever happens to
 * the client afterwards. Then autocommit is switched back on. On a pool without replicas a
 * read-only flag is lifted for the transaction and restored after, because the driver would
 * begin a read-only connection's transaction READ ONLY where in autocommit it runs the
 * statement as it is; the isolation level is the connection's, as for an autocommit statement.
 *
 * <p>A plain read without a fetch size does not come here first: it runs as
 * {@link Dialect#readOnlyOnce} (see {@code StatementRunner}), and only if its result outgrows
 * one batch or it turns out to write does it run again here, to stream.
 *
 * <p>On a pool with replicas a statement that surely only reads ({@link Dialect#onlyReads}),
 * or any statement of a read-only connection, runs in a READ ONLY transaction instead: the
 * routing sends such a transaction to a replica, as it would have sent the statement in
 * autocommit. Everything else stays on the primary, as before.
 */
final class ImplicitTransaction {

    private final Session session;
    private final Connection connection;
    /** The client's read-only flag, restored when the transaction ends. */
    private final boolean clientReadOnly;
    private final boolean readOnly;

    private ImplicitTransaction(Session session, boolean clientReadOnly, boolean readOnly) {
        this.session = session;
        this.connection = session.connection;
        this.clientReadOnly = clientReadOnly;
        this.readOnly = readOnly;
    }

    /**
     * @return whether {@code op} on this session needs a transaction to stream: a query
     *         that may return more rows than one batch, on a connection in autocommit whose
     *         driver streams only inside a transaction. Updates (no rows), calls (their OUT
     *         values are read at once) and generated keys (read whole) never do, nor does
     *         SQL that is not plainly a query (see {@link Dialect#streamableQuery}).
     */
    static boolean needed(Session session, Op.Execute op, int batch) throws SQLException {
        if (op.mode() == Op.Mode.UPDATE || op.kind() == Op.StatementKind.CALLABLE || op.keys() != null) {
            return false;
        }
        if (op.maxRows() > 0 && op.maxRows() <= batch) {
            return false; // one batch holds it all
        }
        Dialect dialect = session.dialect();
        return dialect.streamsOnlyInTransaction() && dialect.streamableQuery(op.sql())
                && session.connection.getAutoCommit();
    }

    /** SQLState of a write refused in a READ ONLY transaction. */
    static final String READ_ONLY_VIOLATION = "25006";

    /**
     * @return whether the implicit transaction of {@code sql} is READ ONLY: on a pool with
     *         replicas, when the connection is read-only or the statement surely only reads
     */
    static boolean readOnly(Session session, String sql) throws SQLException {
        return session.shared.routes && (session.connection.isReadOnly() || session.dialect().onlyReads(sql));
    }

    /**
     * Switches autocommit off for one statement, and the read-only flag to {@code readOnly}
     * for it.
     *
     * @param readOnly whether the transaction is READ ONLY (see the class comment); false
     *                 lifts a read-only flag the client set
     */
    static ImplicitTransaction begin(Session session, boolean readOnly) throws SQLException {
        Connection connection = session.connection;
        boolean clientReadOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        if (readOnly != clientReadOnly) {
            try {
                connection.setReadOnly(readOnly);
            } catch (SQLException e) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException restore) {
                    e.addSuppressed(restore);
                }
                throw e;
            }
        }
        return new ImplicitTransaction(session, clientReadOnly, readOnly);
    }

    /** @return the client's read-only flag, which the transaction may have changed for its time */
    boolean clientReadOnly() {
        return clientReadOnly;
    }

    /**
     * Ends the transaction (COMMIT; a rollback if that fails) and restores autocommit and
     * read-only.
     *
     * @return why the commit failed (the statement did not take effect), or null
     * @throws SQLException when autocommit could not be switched back on: the connection is
     *                      not fit for a next statement, and the session refuses them
     */
    SQLException finish() throws SQLException {
        SQLException failed = null;
        try {
            connection.commit();
        } catch (SQLException e) {
            failed = e;
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
        }
        try {
            if (readOnly != clientReadOnly) {
                connection.setReadOnly(clientReadOnly);
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failed != null) {
                e.addSuppressed(failed);
            }
            session.unfit(e);
            throw e;
        }
        return failed;
    }

    /** Ends the transaction after {@code cause} failed the statement; whatever fails here is added to it. */
    void finishAfter(Throwable cause) {
        try {
            SQLException failed = finish();
            if (failed != null) {
                cause.addSuppressed(failed);
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
