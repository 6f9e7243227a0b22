package pool.remote.internal;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import pool.protocol.Column;
import pool.protocol.Op;
import pool.protocol.Result;
import pool.protocol.SqlError;

/**
 * Runs {@link Op.Describe}: what the backend driver says of a statement before it runs
 * ({@code getParameterMetaData()}, {@code getMetaData()}), asked of a statement prepared on
 * the session's connection and closed again. Every answer the driver refuses travels as its
 * error, so the client raises it where the driver would have.
 */
final class Describer {

    private Describer() {
    }

    static Result.Described describe(Session session, Op.Describe op) throws SQLException {
        Connection c = session.connection;
        try (PreparedStatement ps = prepare(c, op)) {
            List<Column> columns = null;
            SqlError columnsError = null;
            try {
                ResultSetMetaData md = ps.getMetaData();
                columns = md == null ? null : RowReader.columns(md);
            } catch (SQLException e) {
                columnsError = SqlError.from(e);
            } catch (RuntimeException e) {
                columnsError = internal("getMetaData", e);
            }
            List<Result.Parameter> parameters = null;
            SqlError parametersError = null;
            try {
                ParameterMetaData md = ps.getParameterMetaData();
                parameters = md == null ? List.of() : parameters(md);
            } catch (SQLException e) {
                parametersError = SqlError.from(e);
            } catch (RuntimeException e) {
                parametersError = internal("getParameterMetaData", e);
            }
            return new Result.Described(columns, columnsError, parameters, parametersError);
        }
    }

    private static PreparedStatement prepare(Connection c, Op.Describe op) throws SQLException {
        Op.Keys k = op.keys();
        if (op.kind() == Op.StatementKind.CALLABLE) {
            return c.prepareCall(op.sql());
        } else if (k == null) {
            return c.prepareStatement(op.sql());
        } else if (k.indexes() != null) {
            return c.prepareStatement(op.sql(), k.indexes());
        } else if (k.names() != null) {
            return c.prepareStatement(op.sql(), k.names());
        }
        return c.prepareStatement(op.sql(), Statement.RETURN_GENERATED_KEYS);
    }

    private static List<Result.Parameter> parameters(ParameterMetaData md) throws SQLException {
        int n = md.getParameterCount();
        List<Result.Parameter> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(parameter(md, i));
        }
        return out;
    }

    /** Asks each attribute on its own: drivers refuse some (Connector/J the types of client-side statements). */
    private static Result.Parameter parameter(ParameterMetaData md, int i) {
        SqlError[] errors = new SqlError[Result.Parameter.ATTRIBUTES.size()];
        Object[] v = new Object[errors.length];
        for (int a = 0; a < errors.length; a++) {
            try {
                v[a] = switch (a) {
                    case 0 -> md.getParameterMode(i);
                    case 1 -> md.getParameterType(i);
                    case 2 -> md.getParameterTypeName(i);
                    case 3 -> md.getParameterClassName(i);
                    case 4 -> md.getPrecision(i);
                    case 5 -> md.getScale(i);
                    case 6 -> md.isNullable(i);
                    default -> md.isSigned(i);
                };
            } catch (SQLException e) {
                errors[a] = SqlError.from(e);
            } catch (RuntimeException e) {
                errors[a] = internal(Result.Parameter.ATTRIBUTES.get(a), e);
            }
        }
        return new Result.Parameter(intOf(v[0]), intOf(v[1]), (String) v[2], (String) v[3], intOf(v[4]), intOf(v[5]),
                intOf(v[6]), Boolean.TRUE.equals(v[7]), errors);
    }

    private static int intOf(Object v) {
        return v == null ? 0 : (Integer) v;
    }

    private static SqlError internal(String method, RuntimeException e) {
        return SqlError.of(SqlError.Kind.GENERIC, "HY000", "the backend driver's " + method + " failed: " + e);
    }
}
