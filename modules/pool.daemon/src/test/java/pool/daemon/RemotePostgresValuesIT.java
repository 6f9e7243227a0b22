package pool.daemon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/** {@link RemoteValuesScenarios} on PostgreSQL, and PostgreSQL's own: session zone, arrays, XML, PGobject. */
class RemotePostgresValuesIT extends RemoteValuesScenarios {

    @Override
    DatabaseServer server() {
        return TestDatabases.postgres();
    }

    @Override
    String driver() {
        return "postgresql";
    }

    @Override
    String timestampType() {
        return "timestamp(6)";
    }

    @Override
    String echoDdl() {
        return "create function " + table + "_echo(t timestamp) returns timestamp language sql as 'select t'";
    }

    @Override
    String echoCall() {
        return "{? = call " + table + "_echo(?)}";
    }

    @Override
    int echoOut() {
        return 1;
    }

    /**
     * pgjdbc turns OUT values into {@code java.sql} values in its JVM's zone before anyone asks
     * for them: a time in a DST gap of the daemon's zone (02:30 on New York's spring-forward
     * day) has moved by the gap before poold reads it (docs/remote-jdbc.md says so).
     */
    @Override
    List<LocalDateTime> outTimes() {
        return TIMES.stream().filter(t -> !t.equals(LocalDateTime.of(2024, 3, 10, 2, 30))).toList();
    }

    @Override
    String storedText(Connection c, String column, int id) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select cast(" + column + " as text) from "
                + table + " where id = " + id)) {
            return rs.next() ? rs.getString(1) : "no row " + id;
        }
    }

    @Test
    void theSessionZoneIsTheClientsAsPgjdbcSetsIt() throws Exception {
        same("TimeZone and server-side conversions", (c, seen) -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting('TimeZone'),"
                    + " cast(timestamptz '2024-02-29 20:00:00+00' as date), cast(timestamptz '2024-02-29 08:00:00+00' as text),"
                    + " timestamptz '2024-02-29 08:00:00+00', timetz '08:00:00+05:30'")) {
                rs.next();
                for (int i = 1; i <= 5; i++) {
                    seen.add(rs.getObject(i));
                    seen.add(rs.getString(i));
                }
                seen.add(rs.getObject(4, java.time.OffsetDateTime.class));
            }
        });
    }

    @Test
    void arraysTravelBothWaysWithTheirTypes() throws Exception {
        same("createArrayOf, setArray, getArray, Array methods", (c, seen) -> {
            try (PreparedStatement ps = c.prepareStatement("select ?::int[], ?::text[], cast('{{1,2},{3,4}}' as int[]),"
                    + " cast('{}' as int[])")) {
                ps.setArray(1, c.createArrayOf("int4", new Integer[] {1, null, 3}));
                ps.setArray(2, c.createArrayOf("text", new String[] {"a", "b,c", "\"q\"", "Grüße", null}));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 1; i <= 4; i++) {
                        java.sql.Array a = rs.getArray(i);
                        seen.add(a);
                        seen.add(a.getBaseType());
                        seen.add(rs.getObject(i) instanceof java.sql.Array);
                        seen.add(rs.getString(i));
                    }
                    java.sql.Array ints = rs.getArray(1);
                    seen.add(ints.getArray(2, 2));
                    try (ResultSet elements = ints.getResultSet()) {
                        while (elements.next()) {
                            seen.add(elements.getInt(1) + "=" + elements.getObject(2));
                        }
                    }
                }
            }
        });
    }

    /**
     * pgjdbc makes the elements of a {@code timestamp[]}, {@code date[]} or {@code time[]} in
     * its JVM's zone: through poold they must come out as the driver makes them in the
     * application's zone, DST gap of the daemon's zone included; {@code timestamptz[]} keeps
     * its instants.
     */
    @Test
    void dateAndTimeArraysMeanWhatTheyMeanThroughTheDriver() throws Exception {
        String stamps = TIMES.stream().map(t -> "\"" + t.toLocalDate() + " " + t.toLocalTime() + "\"")
                .collect(Collectors.joining(","));
        String days = TIMES.stream().map(t -> t.toLocalDate().toString()).collect(Collectors.joining(","));
        String times = TIMES.stream().map(t -> t.toLocalTime().toString()).collect(Collectors.joining(","));
        same("timestamp[], date[], time[], timestamptz[], a 2-D timestamp[]", (c, seen) -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select cast('{" + stamps
                    + "}' as timestamp[]), cast('{" + days + "}' as date[]), cast('{" + times + "}' as time[]),"
                    + " cast('{\"2024-02-29 08:00:00+00\",\"2024-03-10 07:30:00+00\"}' as timestamptz[]),"
                    + " cast('{{\"2024-03-10 02:30:00\",null},{\"1850-06-15 12:00:00\",\"2024-11-03 01:30:00\"}}'"
                    + " as timestamp[])")) {
                rs.next();
                for (int i = 1; i <= 5; i++) {
                    java.sql.Array a = rs.getArray(i);
                    seen.add(a);
                    seen.add(rs.getObject(i));
                    if (i <= 4) {
                        try (ResultSet elements = a.getResultSet()) {
                            while (elements.next()) {
                                seen.add(elements.getObject(2));
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void xmlTravelsAsSqlxml() throws Exception {
        same("setSQLXML, getSQLXML", (c, seen) -> {
            SQLXML x = c.createSQLXML();
            x.setString("<order id=\"1\"><item>Grüße</item></order>");
            try (PreparedStatement ps = c.prepareStatement("select cast(? as xml), xmlparse(content '<a/>')")) {
                ps.setSQLXML(1, x);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seen.add(rs.getSQLXML(1).getString());
                    seen.add(rs.getObject(2) instanceof SQLXML);
                    seen.add(rs.getSQLXML(2).getString());
                }
            }
        });
    }

    @Test
    void pgjdbcsOwnTypesAreRebuiltWhereTheDriverIsOnTheClassPath() throws Exception {
        same("interval, inet, json as PGInterval and PGobject, and back as parameters", (c, seen) -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select interval '1 day 02:03:04.5',"
                    + " cast('192.168.0.1' as inet), cast('{\"a\": 1}' as json)")) {
                rs.next();
                for (int i = 1; i <= 3; i++) {
                    seen.add(rs.getObject(i));
                    seen.add(rs.getString(i));
                }
                try (PreparedStatement ps = c.prepareStatement("select cast(? as interval) + interval '1 hour'")) {
                    ps.setObject(1, rs.getObject(1));
                    try (ResultSet back = ps.executeQuery()) {
                        back.next();
                        seen.add(back.getObject(1));
                    }
                }
            }
        });
    }

    @Test
    void anErrorPositionIsInTheApplicationsSql() throws Exception {
        same("a syntax error in an autocommit read", (c, seen) -> {
            try (Statement s = c.createStatement()) {
                s.executeQuery("select 1 frm dual");
            } catch (SQLException e) {
                String m = e.getMessage();
                seen.add(e.getSQLState());
                seen.add(m.substring(m.lastIndexOf('\n') + 1).trim());
            }
        });
    }

    @Test
    void statementsOfSeveralResultsGiveThemAllInTurn() throws Exception {
        same("three statements in one execute, read with getMoreResults", (c, seen) -> {
            try (Statement s = c.createStatement()) {
                allResults(s, s.execute("select 1 as a; insert into " + table + "(id) values (1), (2); select id from "
                        + table + " order by id"), seen);
                allResults(s, s.execute("select 3 as b; select 4 as c"), seen);
            }
        });
    }

    @Test
    void theResultsAfterAFirstResultLargerThanABatchAreReachable() throws Exception {
        same("a first result of 2,500 rows, then an update count and rows, read with getMoreResults", (c, seen) -> {
            try (Statement s = c.createStatement()) {
                resultsAfterALargeFirst(s, (x, z) -> z.add(s.execute("select generate_series(1, 2500) as a; update "
                        + table + " set name = 'x' where id < 0; select 4 as b")), c, seen);
            }
        });
    }

    /** Three results of 10,000 rows with update counts between them: each larger than a batch, each streams. */
    private String severalLargeResults() {
        return "select generate_series(1, 10000) as a; update " + table + " set name = 'x' where id < 0;"
                + " select generate_series(10001, 20000) as b; insert into " + table + "(id) select coalesce(max(id), 0) + 1"
                + " from " + table + ";"
                + " select g as c from generate_series(1, 3) g; select generate_series(1, 10000) as d";
    }

    @Test
    void everyResultOfAStatementStreamsWhateverItsSize() throws Exception {
        same("results of 10,000 rows after the first, update counts between them", (c, seen) -> {
            try (Statement s = c.createStatement()) {
                resultsSummed(s, s.execute(severalLargeResults()), seen);
                s.setFetchSize(300);
                resultsSummed(s, s.execute(severalLargeResults()), seen);
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(700);
                resultsSummed(s, s.execute(severalLargeResults()), seen);
            }
            c.rollback();
        });
    }

    @Test
    void getMoreResultsClosesWhatTheDriverCloses() throws Exception {
        for (int how : new int[] {Statement.CLOSE_CURRENT_RESULT, Statement.KEEP_CURRENT_RESULT,
                Statement.CLOSE_ALL_RESULTS}) {
            same("getMoreResults(" + how + ") through large results", (c, seen) -> {
                try (Statement s = c.createStatement()) {
                    movedOnWith(s, s.execute(severalLargeResults()), how, seen);
                }
            });
        }
        same("getMoreResults() through large results", (c, seen) -> {
            try (Statement s = c.createStatement()) {
                seen.add(s.execute(severalLargeResults()));
                ResultSet first = s.getResultSet();
                first.next();
                boolean rows = s.getMoreResults();
                seen.add("more " + rows + ", first closed " + first.isClosed());
                resultsSummed(s, rows, seen);
            }
        });
    }

    @Test
    void resultsStillToComeSurviveAnotherStatementAndGoWithTheirStatement() throws Exception {
        same("another statement between the results of one; re-executed and closed before their end", (c, seen) -> {
            try (Statement s = c.createStatement(); Statement other = c.createStatement()) {
                boolean rows = s.execute(severalLargeResults());
                seen.add(rows);
                ResultSet first = s.getResultSet();
                first.next();
                seen.add(first.getObject(1));
                try (ResultSet rs = other.executeQuery("select 42")) {
                    rs.next();
                    seen.add(rs.getInt(1));
                }
                seen.add(summed(first));
                resultsSummed(s, s.getMoreResults(), seen);
                s.execute(severalLargeResults());
                seen.add("more " + s.getMoreResults() + " count " + s.getUpdateCount());
                seen.add("more " + s.getMoreResults());
                s.getResultSet().next();
                resultsSummed(s, s.execute("select 7 as e; select 8 as f"), seen);
                s.execute(severalLargeResults());
                s.getMoreResults();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                rs.next();
                seen.add("rows inserted " + rs.getInt(1));
            }
        });
    }
}
