package pool.protocol;

import java.sql.BatchUpdateException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import pool.api.ConnectionReclaimedException;
import pool.api.PoolClosedException;
import pool.api.PoolSaturatedException;
import pool.api.PoolTimeoutException;
import pool.api.TenantRejectedException;
import pool.api.spi.OpenConnectionException;
import pool.api.spi.Redaction;

/**
 * A {@link SQLException} (or {@link SQLWarning}) in transport: message, SQLState,
 * vendor code, which JDBC subclass it was, batch update counts and the
 * {@code getNextException()} chain. No stack trace and no cause object cross the
 * wire: they would drag arbitrary classes through the allow-list, and the
 * application needs what the driver would have given it, not the daemon's stack.
 *
 * <p>Every message is masked by {@link Redaction} as the error is made: an error is what
 * the daemon sends its clients, and a driver's or the pool's text may quote a JDBC URL
 * with the password in it.
 *
 * @param updateCounts update counts of a failed batch, or null
 * @param next         the next exception of the chain, or null
 * @param cause        the {@code SQLException} the driver gave as this one's cause (a driver's
 *                     {@code BatchUpdateException} carries the statement's error there), or null;
 *                     causes that are not {@code SQLException}s do not travel
 */
public record SqlError(String message, String sqlState, int vendorCode, Kind kind, long[] updateCounts,
                       SqlError next, SqlError cause) {

    /** Chains longer than this are cut: a runaway chain must not make a huge reply. */
    private static final int MAX_CHAIN = 16;
    /** Causes deeper than this are cut. */
    public static final int MAX_CAUSES = 4;

    public SqlError {
        message = Redaction.mask(message);
    }

    /** An error without a cause. */
    public SqlError(String message, String sqlState, int vendorCode, Kind kind, long[] updateCounts, SqlError next) {
        this(message, sqlState, vendorCode, kind, updateCounts, next, null);
    }

    /** Which {@link SQLException} subclass the error was, so the client rebuilds the same one. */
    public enum Kind {
        GENERIC, BATCH, TIMEOUT, TRANSACTION_ROLLBACK, TRANSIENT_CONNECTION, INTEGRITY_CONSTRAINT, SYNTAX, DATA,
        INVALID_AUTHORIZATION, FEATURE_NOT_SUPPORTED, NON_TRANSIENT_CONNECTION, RECOVERABLE, WARNING,
        /** The ticket is unknown to the daemon (expired, or the daemon restarted): log in again. */
        TICKET_EXPIRED,
        /** A {@code DataTruncation} thrown as an error (MariaDB's "Data too long"), not only reported as a warning. */
        DATA_TRUNCATION,
        /**
         * The pool's own refusals, raised on the client as the same {@code pool.api} classes an
         * in-process borrower catches: {@link PoolTimeoutException}, {@link PoolSaturatedException},
         * {@link TenantRejectedException}, {@link PoolClosedException},
         * {@link ConnectionReclaimedException}.
         */
        POOL_TIMEOUT, POOL_SATURATED, TENANT_REJECTED, POOL_CLOSED, CONNECTION_RECLAIMED
    }

    /** @return an error of the given kind with no chain */
    public static SqlError of(Kind kind, String sqlState, String message) {
        return new SqlError(message, sqlState, 0, kind, null, null);
    }

    /**
     * @return {@code e} and its chain in transport form, for a remote client: a pool's failure
     *         to open a connection ({@link OpenConnectionException}) travels as its
     *         {@link OpenConnectionException#clientMessage() client message}, wherever it or its
     *         {@link OpenConnectionException#detail() detail} appears, and without the driver's
     *         error behind it
     */
    public static SqlError from(SQLException e) {
        return from(e, 0, 0, openFailures(e));
    }

    private static SqlError from(SQLException e, int depth, int causeDepth, List<OpenConnectionException> hidden) {
        SQLException next = e.getNextException();
        SqlError tail = next == null || next == e || depth >= MAX_CHAIN ? null
                : from(next, depth + 1, causeDepth, hidden);
        long[] counts = e instanceof BatchUpdateException b ? b.getLargeUpdateCounts() : null;
        if (e instanceof OpenConnectionException open) {
            return new SqlError(open.clientMessage(), e.getSQLState(), e.getErrorCode(), kindOf(e), counts, tail, null);
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        for (OpenConnectionException open : hidden) {
            // the detail, not the whole message: a copy may name the pool otherwise (a sharded part)
            message = message.replace(open.detail(), open.clientDetail());
        }
        SqlError cause = null;
        if (e.getCause() instanceof SQLException c && c != e && causeDepth < MAX_CAUSES) {
            cause = from(c, MAX_CHAIN, causeDepth + 1, hidden); // a cause's own next chain is not followed
        }
        return new SqlError(message, e.getSQLState(), e.getErrorCode(), kindOf(e), counts, tail, cause);
    }

    /** @return the failures to open a connection in {@code e}'s chain and causes, as far as they travel */
    private static List<OpenConnectionException> openFailures(SQLException e) {
        List<OpenConnectionException> found = new ArrayList<>(1);
        int depth = 0;
        for (SQLException n = e; n != null && depth <= MAX_CHAIN; n = n.getNextException() == n ? null : n.getNextException(), depth++) {
            Throwable c = n;
            for (int causes = 0; c != null && causes <= MAX_CAUSES; c = c.getCause() == c ? null : c.getCause(), causes++) {
                if (c instanceof OpenConnectionException open && !found.contains(open)) {
                    found.add(open);
                }
            }
        }
        return found;
    }

    private static Kind kindOf(SQLException e) {
        // Most specific first: SQLTimeoutException is also a SQLTransientException, the pool's
        // exceptions are connection exceptions.
        if (e instanceof PoolTimeoutException) return Kind.POOL_TIMEOUT;
        if (e instanceof PoolSaturatedException) return Kind.POOL_SATURATED;
        if (e instanceof TenantRejectedException) return Kind.TENANT_REJECTED;
        if (e instanceof PoolClosedException) return Kind.POOL_CLOSED;
        if (e instanceof ConnectionReclaimedException) return Kind.CONNECTION_RECLAIMED;
        if (e instanceof BatchUpdateException) return Kind.BATCH;
        if (e instanceof java.sql.DataTruncation) return Kind.DATA_TRUNCATION;
        if (e instanceof SQLWarning) return Kind.WARNING;
        if (e instanceof SQLTimeoutException) return Kind.TIMEOUT;
        if (e instanceof SQLTransactionRollbackException) return Kind.TRANSACTION_ROLLBACK;
        if (e instanceof SQLTransientConnectionException) return Kind.TRANSIENT_CONNECTION;
        if (e instanceof SQLIntegrityConstraintViolationException) return Kind.INTEGRITY_CONSTRAINT;
        if (e instanceof SQLSyntaxErrorException) return Kind.SYNTAX;
        if (e instanceof SQLDataException) return Kind.DATA;
        if (e instanceof SQLInvalidAuthorizationSpecException) return Kind.INVALID_AUTHORIZATION;
        if (e instanceof SQLFeatureNotSupportedException) return Kind.FEATURE_NOT_SUPPORTED;
        if (e instanceof SQLNonTransientConnectionException) return Kind.NON_TRANSIENT_CONNECTION;
        if (e instanceof SQLRecoverableException) return Kind.RECOVERABLE;
        return Kind.GENERIC;
    }

    /** @return the exception the application sees: same subclass, SQLState, vendor code, message and chain */
    public SQLException toException() {
        SQLException e = single();
        SQLException last = e;
        for (SqlError n = next; n != null; n = n.next) {
            SQLException x = n.single();
            last.setNextException(x);
            last = x;
        }
        return e;
    }

    /** @return this as a warning chain (for {@code getWarnings()}) */
    public SQLWarning toWarning() {
        SQLWarning first = new SQLWarning(message, sqlState, vendorCode);
        SQLWarning last = first;
        for (SqlError n = next; n != null; n = n.next) {
            SQLWarning w = new SQLWarning(n.message, n.sqlState, n.vendorCode);
            last.setNextWarning(w);
            last = w;
        }
        return first;
    }

    private SQLException single() {
        SQLException c = cause == null ? null : cause.toException();
        if (kind == Kind.BATCH) {
            return new BatchUpdateException(message, sqlState, vendorCode,
                    updateCounts == null ? new long[0] : updateCounts, c);
        }
        if (kind == Kind.POOL_TIMEOUT) {
            SQLException timeout = new PoolTimeoutException(message, c); // its constructor sets the cause
            if (timeout.getSQLState().equals(sqlState)) {
                return timeout;
            }
        }
        SQLException e = withoutCause();
        if (c != null) {
            e.initCause(c);
        }
        return e;
    }

    private SQLException withoutCause() {
        Kind k = kind == null ? Kind.GENERIC : kind;
        SQLException pools = poolException(k);
        if (pools != null) {
            return pools;
        }
        switch (k) {
            case WARNING: return new SQLWarning(message, sqlState, vendorCode);
            case DATA_TRUNCATION: return new Truncation(message, sqlState, vendorCode);
            case TIMEOUT: return new SQLTimeoutException(message, sqlState, vendorCode);
            case TRANSACTION_ROLLBACK: return new SQLTransactionRollbackException(message, sqlState, vendorCode);
            case TRANSIENT_CONNECTION: return new SQLTransientConnectionException(message, sqlState, vendorCode);
            case INTEGRITY_CONSTRAINT: return new SQLIntegrityConstraintViolationException(message, sqlState, vendorCode);
            case SYNTAX: return new SQLSyntaxErrorException(message, sqlState, vendorCode);
            case DATA: return new SQLDataException(message, sqlState, vendorCode);
            case INVALID_AUTHORIZATION:
            case TICKET_EXPIRED: return new SQLInvalidAuthorizationSpecException(message, sqlState, vendorCode);
            case FEATURE_NOT_SUPPORTED: return new SQLFeatureNotSupportedException(message, sqlState, vendorCode);
            case NON_TRANSIENT_CONNECTION: return new SQLNonTransientConnectionException(message, sqlState, vendorCode);
            case RECOVERABLE: return new SQLRecoverableException(message, sqlState, vendorCode);
            case POOL_TIMEOUT:
            case POOL_SATURATED:
            case TENANT_REJECTED: return new SQLTransientConnectionException(message, sqlState, vendorCode);
            case POOL_CLOSED:
            case CONNECTION_RECLAIMED: return new SQLNonTransientConnectionException(message, sqlState, vendorCode);
            default: return new SQLException(message, sqlState, vendorCode);
        }
    }

    /**
     * @return the pool's own exception of kind {@code k}, or null when {@code k} is not one or the
     *         SQLState is not the one that class fixes (then the standard class of the same family
     *         keeps the state the peer sent)
     */
    private SQLException poolException(Kind k) {
        SQLException e = switch (k) {
            case POOL_SATURATED -> new PoolSaturatedException(message);
            case TENANT_REJECTED -> new TenantRejectedException(message);
            case POOL_CLOSED -> new PoolClosedException(message);
            case CONNECTION_RECLAIMED -> new ConnectionReclaimedException(message);
            default -> null;
        };
        return e != null && e.getSQLState().equals(sqlState) ? e : null;
    }

    /**
     * A driver's {@code DataTruncation} as the application catches it: of that class, with the
     * driver's message, SQLState and vendor code ({@code DataTruncation}'s constructors fix them
     * to "Data truncation", 22001 or 01004, and 0).
     */
    private static final class Truncation extends java.sql.DataTruncation {
        private static final long serialVersionUID = 1L;
        private final String message;
        private final String sqlState;
        private final int vendorCode;

        Truncation(String message, String sqlState, int vendorCode) {
            super(-1, false, false, -1, -1);
            this.message = message;
            this.sqlState = sqlState;
            this.vendorCode = vendorCode;
        }

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public String getSQLState() {
            return sqlState;
        }

        @Override
        public int getErrorCode() {
            return vendorCode;
        }
    }
}
