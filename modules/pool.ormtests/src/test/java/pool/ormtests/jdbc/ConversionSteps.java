package pool.ormtests.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import pool.ormtests.Norm;
import pool.ormtests.Outcome;
import pool.ormtests.Step;

/**
 * The conversion matrix: every getter on columns of every type ({@link ConversionTypes}), and
 * every setter form into columns of every type, on the driver's own data source and through
 * poold. A getter answers the same value or fails with the same class and SQLState as on the
 * driver; a setter stores the same (read back as the database's text) or fails the same way.
 */
final class ConversionSteps {

    private ConversionSteps() {
    }

    @FunctionalInterface
    private interface Getter {
        Object get(ResultSet rs) throws Exception;
    }

    /** The getters, by the name of their column in the outcome. */
    private static final Map<String, Getter> GETTERS = new LinkedHashMap<>();

    static {
        GETTERS.put("getString", rs -> rs.getString(1));
        GETTERS.put("getBoolean", rs -> rs.getBoolean(1));
        GETTERS.put("getByte", rs -> rs.getByte(1));
        GETTERS.put("getShort", rs -> rs.getShort(1));
        GETTERS.put("getInt", rs -> rs.getInt(1));
        GETTERS.put("wasNull", rs -> {
            rs.getInt(1);
            return rs.wasNull();
        });
        GETTERS.put("getLong", rs -> rs.getLong(1));
        GETTERS.put("getFloat", rs -> rs.getFloat(1));
        GETTERS.put("getDouble", rs -> rs.getDouble(1));
        GETTERS.put("getBigDecimal", rs -> rs.getBigDecimal(1));
        GETTERS.put("getBytes", rs -> rs.getBytes(1));
        GETTERS.put("getDate", rs -> rs.getDate(1));
        GETTERS.put("getTime", rs -> rs.getTime(1));
        GETTERS.put("getTimestamp", rs -> rs.getTimestamp(1));
        GETTERS.put("getObject", rs -> rs.getObject(1));
        for (Class<?> c : List.of(String.class, Boolean.class, Byte.class, Short.class, Integer.class, Long.class,
                Float.class, Double.class, BigDecimal.class, BigInteger.class, byte[].class, UUID.class,
                java.sql.Date.class, java.sql.Time.class, java.sql.Timestamp.class, LocalDate.class, LocalTime.class,
                LocalDateTime.class, OffsetDateTime.class, OffsetTime.class, Instant.class, ZonedDateTime.class)) {
            GETTERS.put("getObject(" + c.getSimpleName() + ")", rs -> rs.getObject(1, c));
        }
    }

    static List<Step<Jdbc>> steps() {
        List<Step<Jdbc>> steps = new ArrayList<>();
        for (ConversionTypes t : ConversionTypes.ALL) {
            String name = "conversions.get." + t.name();
            steps.add(t.time() ? Step.time(name, j -> getters(j, t)) : Step.of(name, j -> getters(j, t)));
        }
        for (ConversionTypes t : ConversionTypes.ALL) {
            String name = "conversions.set." + t.name();
            steps.add(t.time() ? Step.time(name, j -> setters(j, t)) : Step.of(name, j -> setters(j, t)));
        }
        return steps;
    }

    /** One row per stored value, one column per getter: what it answered, or how it failed. */
    private static Outcome getters(Jdbc j, ConversionTypes t) throws Exception {
        List<String> columns = new ArrayList<>(List.of("value"));
        columns.addAll(GETTERS.keySet());
        Outcome out = Outcome.columns(columns.toArray(new String[0]));
        List<String> values = t.values(j.backend);
        try (Connection c = j.dataSource.getConnection(); Statement s = c.createStatement()) {
            for (int id = 1; id <= values.size(); id++) {
                List<Object> row = new ArrayList<>(List.of(values.get(id - 1)));
                for (Map.Entry<String, Getter> g : GETTERS.entrySet()) {
                    String unmatched = Unmatched.why(j.backend, t.name(), g.getKey(), values.get(id - 1));
                    if (unmatched != null) {
                        row.add("not compared: " + unmatched);
                        continue;
                    }
                    // a result of its own for each getter: a getter that fails must not decide the next
                    try (ResultSet rs = s.executeQuery("select v from cv_" + t.name() + " where id = " + id)) {
                        rs.next();
                        row.add(outcome(JdbcScenario.tryIt(() -> g.getValue().get(rs))));
                    }
                }
                out.row(row.toArray());
            }
        }
        return out;
    }

    /**
     * A failure as the matrix compares it: its class (a driver's own by its nearest java.* class)
     * and SQLState and vendor code, not its causes, which a driver's error carries across the
     * daemon by message only.
     */
    private static Object outcome(Object v) {
        if (!(v instanceof Throwable t)) {
            return v;
        }
        String all = Norm.thrown(t);
        int chain = all.indexOf(" <- ");
        int state = all.indexOf(" [SQLState");
        return chain < 0 ? all : all.substring(0, chain) + (state < 0 ? "" : all.substring(state));
    }

    @FunctionalInterface
    private interface Setter {
        void set(PreparedStatement ps) throws Exception;
    }

    private static final Map<String, Setter> SETTERS = new LinkedHashMap<>();

    static {
        LocalDate day = LocalDate.of(2024, 2, 29);
        LocalDateTime moment = LocalDateTime.of(2024, 2, 29, 12, 30, 15, 250_000_000);
        SETTERS.put("setObject(\"12\")", ps -> ps.setObject(2, "12"));
        SETTERS.put("setObject(\"1.5\")", ps -> ps.setObject(2, "1.5"));
        SETTERS.put("setObject(\"true\")", ps -> ps.setObject(2, "true"));
        SETTERS.put("setObject(\"2024-02-29\")", ps -> ps.setObject(2, "2024-02-29"));
        SETTERS.put("setObject(\"2024-02-29 12:30:15\")", ps -> ps.setObject(2, "2024-02-29 12:30:15"));
        SETTERS.put("setObject(Integer 1)", ps -> ps.setObject(2, 1));
        SETTERS.put("setObject(Long 3e9)", ps -> ps.setObject(2, 3_000_000_000L));
        SETTERS.put("setObject(Short 7)", ps -> ps.setObject(2, (short) 7));
        SETTERS.put("setObject(BigDecimal 1.5)", ps -> ps.setObject(2, new BigDecimal("1.5")));
        SETTERS.put("setObject(Double 2.5)", ps -> ps.setObject(2, 2.5d));
        SETTERS.put("setObject(Float 1.5)", ps -> ps.setObject(2, 1.5f));
        SETTERS.put("setObject(Boolean true)", ps -> ps.setObject(2, true));
        SETTERS.put("setObject(byte[])", ps -> ps.setObject(2, new byte[] {0x31, 0x32}));
        SETTERS.put("setObject(UUID)", ps -> ps.setObject(2, UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e")));
        SETTERS.put("setObject(LocalDate)", ps -> ps.setObject(2, day));
        SETTERS.put("setObject(LocalTime)", ps -> ps.setObject(2, LocalTime.of(12, 30, 15)));
        SETTERS.put("setObject(LocalDateTime)", ps -> ps.setObject(2, moment));
        SETTERS.put("setObject(OffsetDateTime)", ps -> ps.setObject(2, moment.atOffset(ZoneOffset.ofHours(2))));
        SETTERS.put("setObject(sql.Date)", ps -> ps.setObject(2, java.sql.Date.valueOf(day)));
        SETTERS.put("setObject(sql.Timestamp)", ps -> ps.setObject(2, java.sql.Timestamp.valueOf(moment)));
        SETTERS.put("setObject(\"12\", INTEGER)", ps -> ps.setObject(2, "12", Types.INTEGER));
        SETTERS.put("setObject(\"x\", INTEGER)", ps -> ps.setObject(2, "x", Types.INTEGER));
        SETTERS.put("setObject(1.5, INTEGER)", ps -> ps.setObject(2, 1.5d, Types.INTEGER));
        SETTERS.put("setObject(1, VARCHAR)", ps -> ps.setObject(2, 1, Types.VARCHAR));
        SETTERS.put("setObject(\"true\", BOOLEAN)", ps -> ps.setObject(2, "true", Types.BOOLEAN));
        SETTERS.put("setObject(1, BOOLEAN)", ps -> ps.setObject(2, 1, Types.BOOLEAN));
        SETTERS.put("setObject(\"1.25\", NUMERIC)", ps -> ps.setObject(2, "1.25", Types.NUMERIC));
        SETTERS.put("setObject(\"2024-02-29\", DATE)", ps -> ps.setObject(2, "2024-02-29", Types.DATE));
        SETTERS.put("setObject(LocalDate, TIMESTAMP)", ps -> ps.setObject(2, day, Types.TIMESTAMP));
        SETTERS.put("setObject(LocalDateTime, DATE)", ps -> ps.setObject(2, moment, Types.DATE));
        SETTERS.put("setObject(\"abc\", BINARY)", ps -> ps.setObject(2, "abc", Types.BINARY));
        SETTERS.put("setObject(\"x\", OTHER)", ps -> ps.setObject(2, "{\"a\": 1}", Types.OTHER));
        SETTERS.put("setString(\"12\")", ps -> ps.setString(2, "12"));
        SETTERS.put("setInt(1)", ps -> ps.setInt(2, 1));
        SETTERS.put("setLong(3e9)", ps -> ps.setLong(2, 3_000_000_000L));
        SETTERS.put("setBoolean(true)", ps -> ps.setBoolean(2, true));
        SETTERS.put("setDouble(2.5)", ps -> ps.setDouble(2, 2.5d));
        SETTERS.put("setBigDecimal(1.5)", ps -> ps.setBigDecimal(2, new BigDecimal("1.5")));
        SETTERS.put("setBytes", ps -> ps.setBytes(2, new byte[] {0x31, 0x32}));
        SETTERS.put("setDate", ps -> ps.setDate(2, java.sql.Date.valueOf(day)));
        SETTERS.put("setTime", ps -> ps.setTime(2, java.sql.Time.valueOf(LocalTime.of(12, 30, 15))));
        SETTERS.put("setTimestamp", ps -> ps.setTimestamp(2, java.sql.Timestamp.valueOf(moment)));
        SETTERS.put("setNull(VARCHAR)", ps -> ps.setNull(2, Types.VARCHAR));
        SETTERS.put("setNull(INTEGER)", ps -> ps.setNull(2, Types.INTEGER));
    }

    /** One row per setter form into this type's column: the database's text of what it stored, or how it failed. */
    private static Outcome setters(Jdbc j, ConversionTypes t) throws Exception {
        String table = "cs_" + t.name();
        j.tables().clear(table);
        Outcome out = Outcome.columns("setter", "executeUpdate", "stored");
        try (Connection c = j.dataSource.getConnection(); Connection verifier = j.backend.verifier();
             PreparedStatement read = verifier.prepareStatement("select " + j.backend.asText("v") + " from " + table
                     + " where id = ?")) {
            int id = 0;
            for (Map.Entry<String, Setter> e : SETTERS.entrySet()) {
                int row = ++id;
                Object count = JdbcScenario.tryIt(() -> {
                    try (PreparedStatement ps = c.prepareStatement("insert into " + table + "(id, v) values (?, ?)")) {
                        ps.setInt(1, row);
                        e.getValue().set(ps);
                        return ps.executeUpdate();
                    }
                });
                read.setInt(1, row);
                try (ResultSet rs = read.executeQuery()) {
                    out.row(e.getKey(), outcome(count), rs.next() ? rs.getString(1) : "no row");
                }
            }
        }
        return out;
    }
}
