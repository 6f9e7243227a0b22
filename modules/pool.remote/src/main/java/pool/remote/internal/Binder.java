package pool.remote.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Types;
import pool.protocol.InZone;
import pool.protocol.LobParam;
import pool.protocol.OutParam;
import pool.protocol.SqlArray;
import pool.protocol.SqlNull;
import pool.protocol.TypedParam;
import pool.protocol.ValueTypes;
import pool.protocol.VendorObject;
import pool.protocol.XmlValue;

/** Binds protocol parameter values to a prepared or callable statement. */
final class Binder {

    private Binder() {
    }

    static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        bind(ps, params, ClientValues.DAEMON, null);
    }

    /** @param lobs the session's LOB spools, which {@link LobParam}s name; null when none may */
    static void bind(PreparedStatement ps, Object[] params, ClientValues values, LobSpools lobs) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object v = params[i];
            int index = i + 1;
            if (v instanceof OutParam out) {
                if (!(ps instanceof CallableStatement cs)) {
                    throw new SQLException("parameter " + index + " is an OUT parameter, but this is not a callable statement",
                            "07009");
                }
                if (out.scale() >= 0) {
                    cs.registerOutParameter(index, out.sqlType(), out.scale());
                } else {
                    cs.registerOutParameter(index, out.sqlType());
                }
                if (out.in() != null) {
                    bindOne(ps, index, out.in(), values);
                }
            } else if (v instanceof LobParam lob) {
                if (lobs == null) {
                    throw new SQLException("LOB parameter " + index + " where none is allowed", "07006");
                }
                LobBinder.bind(ps, index, lob, lobs.content(lob));
            } else {
                bindOne(ps, index, v, values);
            }
        }
    }

    /** An XML parameter as the driver's SQLXML; as a string where the driver has none (MariaDB). */
    private static void bindXml(PreparedStatement ps, int index, String text) throws SQLException {
        SQLXML xml;
        try {
            xml = ps.getConnection().createSQLXML();
        } catch (SQLFeatureNotSupportedException e) {
            ps.setString(index, text);
            return;
        }
        xml.setString(text);
        ps.setSQLXML(index, xml);
    }

    /**
     * {@code setObject} with the application's target type, so that the driver converts as it
     * would directly. Values the client sends in a form of its own (a date with its zone, an
     * array, a driver object) bind as without a type: the driver would have taken their type
     * from the value.
     */
    private static void bindTyped(PreparedStatement ps, int index, TypedParam t, ClientValues values)
            throws SQLException {
        Object x = t.value();
        if (!ValueTypes.travelsAsIs(x) || values.convertsOffset(x)) {
            bindOne(ps, index, x, values);
        } else if (t.scale() >= 0) {
            ps.setObject(index, x, t.sqlType(), t.scale());
        } else {
            ps.setObject(index, x, t.sqlType());
        }
    }

    private static void bindOne(PreparedStatement ps, int index, Object v, ClientValues values) throws SQLException {
        // The typed setters first: drivers map them most predictably (setObject guesses).
        if (v == null) {
            throw new SQLException("no value specified for parameter " + index, "07001");
        } else if (v instanceof SqlNull n) {
            ps.setNull(index, n.sqlType());
        } else if (v instanceof TypedParam t) {
            bindTyped(ps, index, t, values);
        } else if (v instanceof String s) {
            ps.setString(index, s);
        } else if (v instanceof Integer n) {
            ps.setInt(index, n);
        } else if (v instanceof Long n) {
            ps.setLong(index, n);
        } else if (v instanceof BigDecimal n) {
            ps.setBigDecimal(index, n);
        } else if (v instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (v instanceof Double n) {
            ps.setDouble(index, n);
        } else if (v instanceof Float n) {
            ps.setFloat(index, n);
        } else if (v instanceof Short n) {
            ps.setShort(index, n);
        } else if (v instanceof Byte n) {
            ps.setByte(index, n);
        } else if (v instanceof BigInteger n) {
            ps.setBigDecimal(index, new BigDecimal(n));
        } else if (v instanceof byte[] b) {
            ps.setBytes(index, b);
        } else if (v instanceof SqlArray a) {
            ps.setArray(index, ps.getConnection().createArrayOf(a.baseTypeName(), a.elements()));
        } else if (v instanceof VendorObject o) {
            // As text of no declared type: the database takes it as the column's or parameter's type,
            // which is how pgjdbc binds a PGobject of a type it has no binary form for.
            if (o.text() == null) {
                ps.setNull(index, Types.OTHER);
            } else {
                ps.setObject(index, o.text(), Types.OTHER);
            }
        } else if (v instanceof XmlValue x) {
            bindXml(ps, index, x.text());
        } else if (v instanceof InZone z) {
            ClientValues.bind(ps, index, z);
        } else if (values.convertsOffset(v)) {
            ps.setObject(index, values.local(v));
        } else if (v instanceof java.sql.Timestamp t) {
            ps.setTimestamp(index, t);
        } else if (v instanceof java.sql.Date d) {
            ps.setDate(index, d);
        } else if (v instanceof java.sql.Time t) {
            ps.setTime(index, t);
        } else {
            ps.setObject(index, v); // java.time types, UUID, arrays: JDBC 4.2 drivers take these by setObject
        }
    }
}
