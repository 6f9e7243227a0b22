package pool.ormtests.jdbc;

import java.util.List;
import pool.ormtests.Backend;

/**
 * The column types of the conversion matrix ({@link ConversionSteps}): for each, its SQL type
 * on each database and the values its rows hold there (SQL literals, {@code null} among them),
 * or none where the database has no such type. Each type gets a table {@code cv_<name>(id, v)}
 * for the getters and {@code cs_<name>(id, v)} for the setters.
 */
record ConversionTypes(String name, boolean time, String pgType, List<String> pgValues, String mariaType,
                       List<String> mariaValues) {

    static final List<ConversionTypes> ALL = List.of(
            of("smallint", "smallint", List.of("0", "1", "-12", "32767"), "smallint", List.of("0", "1", "-12", "32767")),
            of("int", "int", List.of("2", "-129", "70000"), "int", List.of("2", "-129", "70000")),
            of("bigint", "bigint", List.of("3000000000", "1"), "bigint", List.of("3000000000", "1")),
            of("numeric", "numeric(10,3)", List.of("1.5", "-1.5", "0", "1", "1234567.125"), "decimal(10,3)",
                    List.of("1.5", "-1.5", "0", "1", "1234567.125")),
            of("real", "real", List.of("1.5", "0", "1", "100", "'NaN'"), "float", List.of("1.5", "0", "1", "100")),
            of("double", "double precision", List.of("2.5", "1", "1e300"), "double", List.of("2.5", "1", "1e300")),
            of("text", "text", texts(), "text", texts()),
            of("varchar", "varchar(20)", List.of("'1'", "'-5'", "'no'", "''"), "varchar(20)",
                    List.of("'1'", "'-5'", "'no'", "''")),
            of("boolean", "boolean", List.of("true", "false"), "boolean", List.of("1", "0", "2")),
            of("bit", "bit(1)", List.of("B'1'", "B'0'"), "bit(1)", List.of("b'1'", "b'0'")),
            time("date", "date", List.of("'2024-02-29'", "'1899-12-31'"), "date", List.of("'2024-02-29'", "'1899-12-31'")),
            time("time", "time", List.of("'23:59:58.123456'", "'00:00:00'"), "time(6)",
                    List.of("'23:59:58.123456'", "'00:00:00'")),
            time("timestamp", "timestamp", List.of("'2024-03-31 02:30:00.000001'", "'1900-01-01 00:00:00'"), "datetime(6)",
                    List.of("'2024-03-31 02:30:00.000001'", "'1900-01-01 00:00:00'")),
            time("timestamptz", "timestamptz", List.of("'2024-10-27 02:30:00+02'"), "timestamp(6) null",
                    List.of("'2024-10-27 02:30:00'")),
            of("binary", "bytea", List.of("'\\x0102ff'", "''", "'abc'::bytea", "'12'::bytea"), "blob",
                    List.of("x'0102ff'", "''", "'abc'", "'12'")),
            of("uuid", "uuid", List.of("'0f8fad5b-d9cb-469f-a165-70867728950e'"), "uuid",
                    List.of("'0f8fad5b-d9cb-469f-a165-70867728950e'")),
            of("json", "json", List.of("'{\"k\": [1, 2]}'", "'1'", "'true'"), "json",
                    List.of("'{\"k\": [1, 2]}'", "'1'", "'true'")));

    private static List<String> texts() {
        return List.of("'12'", "' 12 '", "'1.9'", "'-0'", "'x'", "'yes'", "'on'", "'true'", "'False'", "'0'", "''",
                "' '", "'2024-02-29'", "'12:30:00'", "'2024-02-29 12:30:00'", "'0f8fad5b-d9cb-469f-a165-70867728950e'");
    }

    private static ConversionTypes of(String name, String pg, List<String> pgValues, String maria, List<String> mariaValues) {
        return new ConversionTypes(name, false, pg, pgValues, maria, mariaValues);
    }

    private static ConversionTypes time(String name, String pg, List<String> pgValues, String maria,
                                        List<String> mariaValues) {
        return new ConversionTypes(name, true, pg, pgValues, maria, mariaValues);
    }

    String type(Backend b) {
        return b == Backend.POSTGRES ? pgType : mariaType;
    }

    /** The literals of its rows on {@code b}, then a null. */
    List<String> values(Backend b) {
        List<String> v = new java.util.ArrayList<>(b == Backend.POSTGRES ? pgValues : mariaValues);
        v.add("null");
        return v;
    }

    /** The getters' table and the setters' table of every type, with the getters' rows. */
    static void schema(Backend b) throws Exception {
        List<String> sql = new java.util.ArrayList<>();
        for (ConversionTypes t : ALL) {
            sql.add("drop table if exists cv_" + t.name + ", cs_" + t.name);
            sql.add("create table cv_" + t.name + "(id int primary key, v " + t.type(b) + ")");
            sql.add("create table cs_" + t.name + "(id int primary key, v " + t.type(b) + ")");
            List<String> values = t.values(b);
            for (int i = 0; i < values.size(); i++) {
                sql.add("insert into cv_" + t.name + " values (" + (i + 1) + ", " + values.get(i) + ")");
            }
        }
        new pool.ormtests.Tables(b).run(sql.toArray(new String[0]));
    }
}
