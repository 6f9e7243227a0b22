package pool.daemon;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/** {@link RemoteValuesScenarios} on MariaDB, whose driver turns offsets into its JVM's local time. */
class RemoteMariaDbValuesIT extends RemoteValuesScenarios {

    @Override
    DatabaseServer server() {
        return TestDatabases.mariaDb();
    }

    @Override
    String driver() {
        return "mariadb";
    }

    @Override
    String timestampType() {
        return "datetime(6)";
    }

    @Override
    String echoDdl() {
        return "create procedure " + table + "_echo(in a datetime(6), out b datetime(6)) begin set b = a; end";
    }

    @Override
    String echoCall() {
        return "{call " + table + "_echo(?, ?)}";
    }

    @Override
    int echoOut() {
        return 2;
    }

    @Override
    String storedText(Connection c, String column, int id) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select cast(" + column + " as char) from "
                + table + " where id = " + id)) {
            return rs.next() ? rs.getString(1) : "no row " + id;
        }
    }

    /** Connector/J writes a DATETIME as read in the JVM's zone: one in the client's DST gap comes out moved. */
    @Test
    void aDateTimeInTheClientsDstGapReadsAsTextAsConnectorJWritesIt() throws Exception {
        same("getString of DATETIME values in and beside Berlin's spring gap, the client in Berlin", (c, seen) -> {
            try (Statement s = c.createStatement()) {
                s.execute("insert into " + table + "(id, ts) values (1, '2024-03-31 02:30:00'), (2, '2024-03-31 03:30:00'),"
                        + " (3, '2024-10-27 02:30:00.250000')");
            }
            java.util.TimeZone client = java.util.TimeZone.getDefault();
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Berlin"));
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select ts, cast(ts as datetime) from " + table + " order by id")) {
                while (rs.next()) {
                    seen.add(rs.getString(1));
                    seen.add(rs.getString(2));
                }
            } finally {
                java.util.TimeZone.setDefault(client);
            }
        });
    }

    @Test
    void aProceduresResultsComeAllInTurn() throws Exception {
        try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
            s.execute("create procedure " + table + "_two() begin select 1 as a; insert into " + table
                    + "(id) values (1), (2); select id from " + table + " order by id; end");
        }
        try {
            same("a procedure's two SELECTs and its insert, read with getMoreResults", (c, seen) -> {
                try (java.sql.CallableStatement cs = c.prepareCall("{call " + table + "_two()}")) {
                    allResults(cs, cs.execute(), seen);
                }
            });
        } finally {
            try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
                s.execute("drop procedure " + table + "_two");
            }
        }
    }

    /** Connector/J learns of a query's warnings from the end of its rows: they are the statement's, not lost. */
    @Test
    void aQuerysWarningsAreTheStatements() throws Exception {
        same("warnings of a SELECT", (c, seen) -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select cast('abc' as signed)")) {
                for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                    seen.add(w.getErrorCode() + " " + w.getMessage());
                }
                seen.add("asked again: " + (s.getWarnings() != null)); // Connector/J answers them once
                // Connector/J's result set answers its statement's warnings, even once closed.
                for (java.sql.SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
                    seen.add("result set: " + w.getErrorCode() + " " + w.getMessage());
                }
                rs.close();
                seen.add("closed: " + (rs.getWarnings() != null));
                rs.clearWarnings();
                seen.add("cleared: " + (s.getWarnings() != null));
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select cast('xyz' as signed)")) {
                for (java.sql.SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
                    seen.add("result set first: " + w.getErrorCode() + " " + w.getMessage());
                }
                seen.add("then the statement: " + (s.getWarnings() != null));
            }
        });
    }

    @Test
    void binaryColumnsAreNamedAsConnectorJNamesThem() throws Exception {
        same("getColumnClassName and getObject of binary and NULL columns", (c, seen) -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select x'00ff', cast('ab' as binary(2)),"
                    + " null")) {
                java.sql.ResultSetMetaData md = rs.getMetaData();
                rs.next();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    seen.add(md.getColumnClassName(i) + " " + md.getColumnType(i));
                    Object v = rs.getObject(i);
                    seen.add(v instanceof byte[] b ? java.util.Arrays.toString(b) : v);
                }
            }
        });
    }

    @Test
    void theResultsAfterAFirstResultLargerThanABatchAreReachable() throws Exception {
        try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
            s.execute("create procedure " + table + "_big() begin select id from " + table + " order by id; update "
                    + table + " set name = 'x' where id < 0; select 4 as b; end");
        }
        try {
            same("a procedure's first result of 2,500 rows, then an update count and rows", (c, seen) -> {
                try (java.sql.PreparedStatement ps = c.prepareStatement("insert into " + table + "(id) values (?)")) {
                    for (int i = 1; i <= 2500; i++) {
                        ps.setInt(1, i);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (java.sql.CallableStatement cs = c.prepareCall("{call " + table + "_big()}")) {
                    resultsAfterALargeFirst(cs, (x, z) -> z.add(cs.execute()), c, seen);
                }
            });
        } finally {
            try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
                s.execute("drop procedure " + table + "_big");
            }
        }
    }

    /** A procedure of three SELECTs of 10,000 rows, a small one, and writes between them. */
    private void withManyResults(Check check) throws Exception {
        try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
            s.execute("create procedure " + table + "_many() begin select seq as a from seq_1_to_10000;"
                    + " update " + table + " set name = 'x' where id < 0; select seq + 10000 as b from seq_1_to_10000;"
                    + " insert into " + table + "(id) select coalesce(max(id), 0) + 1 from " + table + ";"
                    + " select seq as c from seq_1_to_3; select seq as d from seq_1_to_10000; end");
        }
        try {
            check.run(null, null);
        } finally {
            try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
                s.execute("drop procedure " + table + "_many");
            }
        }
    }

    @Test
    void everyResultOfAProcedureStreamsWhateverItsSize() throws Exception {
        withManyResults((x, y) -> same("a procedure's SELECTs of 10,000 rows, read with getMoreResults", (c, seen) -> {
            try (java.sql.CallableStatement cs = c.prepareCall("{call " + table + "_many()}")) {
                resultsSummed(cs, cs.execute(), seen);
                cs.setFetchSize(300);
                resultsSummed(cs, cs.execute(), seen);
            }
            try (Statement s = c.createStatement()) {
                resultsSummed(s, s.execute("call " + table + "_many()"), seen);
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(700);
                resultsSummed(s, s.execute("call " + table + "_many()"), seen);
            }
            c.rollback();
        }));
    }

    @Test
    void getMoreResultsClosesWhatTheDriverCloses() throws Exception {
        withManyResults((x, y) -> {
            for (int how : new int[] {Statement.CLOSE_CURRENT_RESULT, Statement.KEEP_CURRENT_RESULT,
                    Statement.CLOSE_ALL_RESULTS}) {
                same("getMoreResults(" + how + ") through a procedure's large results", (c, seen) -> {
                    try (java.sql.CallableStatement cs = c.prepareCall("{call " + table + "_many()}")) {
                        movedOnWith(cs, cs.execute(), how, seen);
                    }
                });
            }
        });
    }

    @Test
    void resultsStillToComeSurviveAnotherStatementAndGoWithTheirStatement() throws Exception {
        withManyResults((x, y) -> same("another statement between a procedure's results; re-executed and closed"
                + " before their end", (c, seen) -> {
            try (java.sql.CallableStatement s = c.prepareCall("{call " + table + "_many()}");
                 Statement other = c.createStatement()) {
                seen.add(s.execute());
                ResultSet first = s.getResultSet();
                first.next();
                seen.add(first.getObject(1));
                try (ResultSet rs = other.executeQuery("select 42")) {
                    rs.next();
                    seen.add(rs.getInt(1));
                }
                seen.add(summed(first));
                resultsSummed(s, s.getMoreResults(), seen);
                s.execute();
                seen.add("more " + s.getMoreResults());
                s.getResultSet().next();
                try (ResultSet rs = other.executeQuery("select 43")) { // while the second result streams
                    rs.next();
                    seen.add(rs.getInt(1));
                }
                resultsSummed(s, true, seen);
                s.execute();
                s.getMoreResults();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                rs.next();
                seen.add("rows inserted " + rs.getInt(1));
            }
        }));
    }

    @Test
    void columnsAreFoundByTableAndLabelAsConnectorJFindsThem() throws Exception {
        same("findColumn and getters by table.label, alias.label, a label with a dot, a label of two tables", (c, seen) -> {
            try (Statement s = c.createStatement()) {
                s.execute("insert into " + table + "(id, name) values (1, 'one'), (2, 'two')");
            }
            String[] labels = {"id", "ID", table + ".id", table.toUpperCase() + ".NAME", "x.id", "y.id", "y.name",
                    "x.name", "t.a", "a", ".a", "x", "nope", "x.nope"};
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select " + table + ".id, " + table + ".name from " + table
                         + " order by id")) {
                rs.next();
                for (String label : new String[] {"id", table + ".id", table.toUpperCase() + ".NAME", "x.id"}) {
                    attempt(c, seen, (x, z) -> z.add(label + " " + rs.findColumn(label) + " " + rs.getString(label)));
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select x.id, y.id, y.name, 7 as `t.a`, 8 as a from " + table + " x join "
                         + table + " y on y.id = x.id + 1")) {
                rs.next();
                for (String label : labels) {
                    attempt(c, seen, (x, z) -> z.add(label + " " + rs.findColumn(label) + " " + rs.getObject(label)));
                }
            }
        });
    }
}
