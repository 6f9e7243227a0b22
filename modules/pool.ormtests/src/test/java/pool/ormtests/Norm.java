package pool.ormtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns what a step read into comparable text: the value's type and its value, so that a
 * {@code LocalDateTime} shifted by the daemon's zone, an {@code interval} that came back as a
 * {@code String} instead of a {@code PGInterval}, or a LOB that lost a byte all show as a
 * difference. Long strings and bytes become their length and SHA-256.
 */
public final class Norm {

    /** Strings and byte arrays up to this length are shown whole; longer ones by length and digest. */
    private static final int SHOWN = 120;

    private Norm() {
    }

    public static String of(Object v) {
        try {
            return describe(v);
        } catch (SQLException | IOException e) {
            return "unreadable " + v.getClass().getName() + ": " + thrown(e);
        }
    }

    private static String describe(Object v) throws SQLException, IOException {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "String:" + text(s);
        }
        if (v instanceof byte[] b) {
            return "byte[]:" + bytes(b);
        }
        if (v instanceof Clob c) {
            try (Reader r = c.getCharacterStream()) {
                return "Clob:" + text(readAll(r));
            }
        }
        if (v instanceof Blob b) {
            try (InputStream in = b.getBinaryStream()) {
                return "Blob:" + bytes(in.readAllBytes());
            }
        }
        if (v instanceof BigDecimal d) {
            return "BigDecimal:" + d.toPlainString();
        }
        if (v instanceof Timestamp t) {
            return "Timestamp:" + t + " (epoch ms " + t.getTime() + ")";
        }
        if (v instanceof java.sql.Date d) {
            return "sql.Date:" + d + " (epoch ms " + d.getTime() + ")";
        }
        if (v instanceof java.sql.Time t) {
            return "sql.Time:" + t + " (epoch ms " + t.getTime() + ")";
        }
        if (v instanceof java.util.Date d) {
            return "util.Date:" + d.toInstant() + " (epoch ms " + d.getTime() + ")";
        }
        if (v instanceof Calendar c) {
            return "Calendar:" + c.toInstant() + " in " + c.getTimeZone().getID();
        }
        if (v instanceof java.sql.Array a) {
            return "sql.Array<" + a.getBaseTypeName() + ">:" + of(a.getArray());
        }
        if (v.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                items.add(of(Array.get(v, i)));
            }
            return v.getClass().getComponentType().getSimpleName() + "[]:" + items;
        }
        if (v instanceof Collection<?> c) {
            List<String> items = new ArrayList<>();
            for (Object o : c) {
                items.add(of(o));
            }
            return "List:" + items;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, String> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k).toLowerCase(java.util.Locale.ROOT), of(x)));
            return "Map:" + sorted;
        }
        if (v instanceof Throwable t) {
            return thrown(t);
        }
        // java.time, numbers, booleans, enums, UUIDs and vendor types (PGInterval, PGobject):
        // the class says which kind came back, toString() the value.
        return type(v.getClass()) + ":" + v;
    }

    /** The name that says which kind of value it is: a vendor class keeps its own name. */
    private static String type(Class<?> c) {
        return c.getName().startsWith("java.") ? c.getSimpleName() : c.getName();
    }

    private static String text(String s) {
        if (s.length() <= SHOWN) {
            return s;
        }
        return "[" + s.length() + " chars, sha256 " + sha(s.getBytes(StandardCharsets.UTF_8)) + ", starts "
                + s.substring(0, 20) + "]";
    }

    private static String bytes(byte[] b) {
        if (b.length <= SHOWN / 2) {
            return HexFormat.of().formatHex(b);
        }
        return "[" + b.length + " bytes, sha256 " + sha(b) + "]";
    }

    private static String readAll(Reader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = r.read(buf)) >= 0; ) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    public static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What an application can see of an exception and act on: the chain of exception types
     * (a driver's own class named by its nearest {@code java.*} superclass, since an application
     * on poold has no driver classes), and the first SQLState and vendor code in the chain. The
     * messages are left out: they are for people, and poold may word its own.
     */
    public static String thrown(Throwable t) {
        List<String> chain = new ArrayList<>();
        String state = null;
        int code = 0;
        for (Throwable x = t; x != null && chain.size() < 8; x = x.getCause() == x ? null : x.getCause()) {
            chain.add(portableType(x.getClass()));
            if (state == null && x instanceof SQLException se && se.getSQLState() != null) {
                state = se.getSQLState();
                code = se.getErrorCode();
            }
        }
        return "threw " + String.join(" <- ", chain) + (state == null ? "" : " [SQLState " + state + ", code " + code + "]");
    }

    private static String portableType(Class<?> c) {
        Class<?> k = c;
        while (k.getName().startsWith("org.postgresql.") || k.getName().startsWith("org.mariadb.")
                || k.getName().startsWith("pool.")) {
            k = k.getSuperclass();
        }
        return k.getName();
    }
}
