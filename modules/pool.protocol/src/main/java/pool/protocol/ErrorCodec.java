package pool.protocol;

/**
 * Error chains (docs/protocol.md section 10): a chain of at most {@link Wire#MAX_CHAIN}
 * {@link SqlError}s, each with its kind, its update counts and the chain of its cause.
 */
final class ErrorCodec {

    /** The error kinds' codes: their order here is the wire's, whatever order the enum declares. */
    private static final SqlError.Kind[] KINDS = {SqlError.Kind.GENERIC, SqlError.Kind.BATCH,
            SqlError.Kind.TIMEOUT, SqlError.Kind.TRANSACTION_ROLLBACK, SqlError.Kind.TRANSIENT_CONNECTION,
            SqlError.Kind.INTEGRITY_CONSTRAINT, SqlError.Kind.SYNTAX, SqlError.Kind.DATA,
            SqlError.Kind.INVALID_AUTHORIZATION, SqlError.Kind.FEATURE_NOT_SUPPORTED,
            SqlError.Kind.NON_TRANSIENT_CONNECTION, SqlError.Kind.RECOVERABLE, SqlError.Kind.WARNING,
            SqlError.Kind.TICKET_EXPIRED, SqlError.Kind.DATA_TRUNCATION, SqlError.Kind.POOL_TIMEOUT,
            SqlError.Kind.POOL_SATURATED, SqlError.Kind.TENANT_REJECTED, SqlError.Kind.POOL_CLOSED,
            SqlError.Kind.CONNECTION_RECLAIMED};
    /** The code of an error without a kind. */
    private static final int NO_KIND = 0xFF;

    private ErrorCodec() {
    }

    static void error(FrameWriter o, SqlError e) {
        error(o, e, 0);
    }

    /** An error chain; each may carry its cause's chain, nested at most {@link SqlError#MAX_CAUSES} deep. */
    private static void error(FrameWriter o, SqlError e, int causeDepth) {
        int n = 0;
        for (SqlError x = e; x != null && n <= Wire.MAX_CHAIN; x = x.next()) {
            n++;
        }
        if (n > Wire.MAX_CHAIN) {
            n = Wire.MAX_CHAIN; // cut, as SqlError.from cuts runaway chains
        }
        o.length(n);
        SqlError x = e;
        for (int i = 0; i < n; i++, x = x.next()) {
            o.string(x.message());
            o.string(x.sqlState());
            o.sint(x.vendorCode());
            if (x.kind() == null) {
                o.u8(NO_KIND);
            } else {
                o.code(KINDS, x.kind());
            }
            boolean cause = x.cause() != null && causeDepth < SqlError.MAX_CAUSES; // deeper ones are cut
            o.u8((x.updateCounts() == null ? 0 : 1) | (cause ? 2 : 0));
            if (x.updateCounts() != null) {
                o.slongs(x.updateCounts());
            }
            if (cause) {
                error(o, x.cause(), causeDepth + 1);
            }
        }
    }

    static SqlError error(FrameReader in) throws WireException {
        return error(in, 0);
    }

    private static SqlError error(FrameReader in, int causeDepth) throws WireException {
        if (causeDepth > SqlError.MAX_CAUSES) {
            throw in.fail("error causes nested deeper than " + SqlError.MAX_CAUSES);
        }
        int n = in.length("error chain", 4);
        if (n > Wire.MAX_CHAIN) {
            throw in.fail("error chain of " + n + " exceptions, limit " + Wire.MAX_CHAIN);
        }
        if (n == 0) {
            return null;
        }
        String[] messages = new String[n];
        String[] states = new String[n];
        int[] codes = new int[n];
        SqlError.Kind[] kinds = new SqlError.Kind[n];
        long[][] counts = new long[n][];
        SqlError[] causes = new SqlError[n];
        for (int i = 0; i < n; i++) {
            messages[i] = in.string();
            states[i] = in.string();
            codes[i] = in.sint();
            int k = in.u8();
            kinds[i] = k == NO_KIND ? null : in.decode(KINDS, k, "error kind");
            int flags = in.flags("error", 2);
            counts[i] = (flags & 1) != 0 ? in.slongs("update counts") : null;
            causes[i] = (flags & 2) != 0 ? error(in, causeDepth + 1) : null;
        }
        SqlError next = null;
        for (int i = n - 1; i >= 0; i--) {
            next = new SqlError(messages[i], states[i], codes[i], kinds[i], counts[i], next, causes[i]);
        }
        return next;
    }
}
