package pool.ormtests.jdbc;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import pool.ormtests.Outcome;
import pool.ormtests.Step;

/**
 * What Spring's JdbcTemplate (and tools written like it) calls beyond plain queries: the
 * parameter metadata its {@code StatementCreatorUtils.setNull} reads to bind a null of unknown
 * type, nulls bound as {@code Types.NULL}/{@code OTHER}/{@code VARCHAR}, {@code execute} of
 * SQL whose results it walks with {@code getMoreResults}/{@code getUpdateCount}, and the
 * exceptions its {@code SQLErrorCodeSQLExceptionTranslator} maps by SQLState and vendor code.
 */
final class JdbcTemplateSteps {

    private JdbcTemplateSteps() {
    }

    static List<Step<Jdbc>> steps() {
        List<Step<Jdbc>> steps = new ArrayList<>();
        steps.add(Step.of("template.parameterMetaData", JdbcTemplateSteps::parameterMetaData));
        steps.add(Step.of("template.nullsOfEveryForm", JdbcTemplateSteps::nulls));
        steps.add(Step.of("template.executeWalksResults", JdbcTemplateSteps::walkResults));
        steps.add(Step.of("template.exceptions", JdbcTemplateSteps::exceptions));
        steps.add(Step.of("values.numbersOutOfRange", JdbcTemplateSteps::numbersOutOfRange));
        steps.add(Step.of("values.textAndBooleans", JdbcTemplateSteps::textAndBooleans));
        steps.add(Step.of("tx.readOnlyAndIsolation", JdbcTemplateSteps::readOnlyAndIsolation));
        steps.add(Step.of("tx.failingCommit", JdbcTemplateSteps::failingCommit));
        return steps;
    }

    private static Outcome parameterMetaData(Jdbc j) throws Exception {
        Outcome out = Outcome.columns("parameter", "count", "type", "type name", "class", "mode", "nullable",
                "precision", "scale", "signed");
        try (Connection c = j.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into j_types(a, b, d, h, l, n) values (?, ?, ?, ?, ?, ?)")) {
            ParameterMetaData md = ps.getParameterMetaData();
            for (int i = 1; i <= md.getParameterCount(); i++) {
                out.row(i, md.getParameterCount(), attempt(md::getParameterType, i), attempt(md::getParameterTypeName, i),
                        attempt(md::getParameterClassName, i), attempt(md::getParameterMode, i),
                        attempt(md::isNullable, i), attempt(md::getPrecision, i), attempt(md::getScale, i),
                        attempt(md::isSigned, i));
            }
            out.row("out of range", md.getParameterCount(), attempt(md::getParameterType, 7), "", "", "", "", "", "", "");
        }
        return out;
    }

    private interface ByIndex {
        Object at(int i) throws SQLException;
    }

    private static Object attempt(ByIndex f, int i) {
        try {
            return f.at(i);
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }

    /** Spring binds a null as the type the parameter metadata names, else Types.NULL, VARCHAR or OTHER. */
    private static Outcome nulls(Jdbc j) throws Exception {
        j.tables().run("delete from j_types");
        Outcome out = Outcome.columns("how", "outcome");
        try (Connection c = j.dataSource.getConnection()) {
            int[] forms = {Types.NULL, Types.VARCHAR, Types.OTHER, Types.INTEGER, Types.JAVA_OBJECT};
            for (int k = 0; k < forms.length; k++) {
                try (PreparedStatement ps = c.prepareStatement("insert into j_types(b, a, d, l, n) values (?, ?, ?, ?, ?)")) {
                    ps.setInt(1, k);
                    int form = forms[k];
                    out.row("setNull type " + form, attemptRun(() -> {
                        for (int p = 2; p <= 5; p++) {
                            ps.setNull(p, form);
                        }
                        return ps.executeUpdate();
                    }));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into j_types(b, h) values (?, ?)")) {
                ps.setInt(1, 10);
                ps.setObject(2, null);
                out.row("setObject(null)", attemptRun(ps::executeUpdate));
                ps.setInt(1, 11);
                ps.setNull(2, Types.VARCHAR, "varchar");
                out.row("setNull with type name", attemptRun(ps::executeUpdate));
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select b, a, d, l, n, h from j_types order by b")) {
                while (rs.next()) {
                    out.row("stored " + rs.getInt(1), rs.getObject(2) + " " + rs.getObject(3) + " " + rs.getObject(4) + " "
                            + rs.getObject(5) + " " + rs.getObject(6));
                }
            }
        }
        return out;
    }

    private interface Run {
        Object run() throws SQLException;
    }

    private static Object attemptRun(Run r) {
        try {
            return r.run();
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }

    /** JdbcTemplate.execute/call: walks every result of an execute until getUpdateCount is -1. */
    private static Outcome walkResults(Jdbc j) throws Exception {
        j.tables().run("delete from j_types", "insert into j_types(b) values (1)", "insert into j_types(b) values (2)");
        Outcome out = Outcome.columns("step", "what", "value");
        String[] sqls = {
            "select b from j_types order by b",
            "update j_types set a = 5 where b = 1",
            "delete from j_types where b = 99",
            "insert into j_types(b) values (3)",
        };
        try (Connection c = j.dataSource.getConnection()) {
            for (String sql : sqls) {
                try (Statement s = c.createStatement()) {
                    boolean isResult = s.execute(sql);
                    walk(out, sql, s, isResult);
                }
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    boolean isResult = ps.execute();
                    walk(out, "prepared " + sql, ps, isResult);
                }
            }
        }
        return out;
    }

    private static void walk(Outcome out, String sql, Statement s, boolean isResult) throws SQLException {
        for (int n = 0; n < 5; n++) {
            if (isResult) {
                try (ResultSet rs = s.getResultSet()) {
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                    }
                    out.row(sql, "result " + n, rows + " rows");
                }
            } else {
                int count = s.getUpdateCount();
                out.row(sql, "update count " + n, count);
                if (count == -1) {
                    out.row(sql, "large update count", s.getLargeUpdateCount());
                    out.row(sql, "result set", s.getResultSet());
                    return;
                }
            }
            isResult = s.getMoreResults();
        }
        out.row(sql, "walk", "did not end");
    }

    private static Outcome exceptions(Jdbc j) throws Exception {
        j.tables().run("delete from j_child", "delete from j_parent", "insert into j_parent values (1, 'one')");
        Outcome out = Outcome.columns("what", "exception");
        String[][] bad = {
            {"duplicate key", "insert into j_parent values (1, 'dup')"},
            {"duplicate unique", "insert into j_parent values (2, 'one')"},
            {"not null", "insert into j_parent values (3, null)"},
            {"foreign key", "insert into j_child(id, part, parent_id) values (1, 1, 42)"},
            {"check", "insert into j_child(id, part, parent_id) values (1, -1, 1)"},
            {"too long", "insert into j_parent values (4, 'abcdefghijklmnop')"},
            {"bad syntax", "selec 1"},
            {"no such table", "select * from j_nothing"},
            {"no such column", "select nothing from j_parent"},
            {"division by zero", "select 1 / (select count(*) - 1 from j_parent)"},
            {"bad number", "select cast('x1' as decimal(5,2)) + 0 from j_parent where 1 = cast('x' as int)"},
        };
        try (Connection c = j.dataSource.getConnection()) {
            for (String[] b : bad) {
                try (Statement s = c.createStatement()) {
                    out.row(b[0] + " (statement)", attemptRun(() -> s.execute(b[1])));
                }
                try (PreparedStatement ps = c.prepareStatement(b[1])) {
                    out.row(b[0] + " (prepared)", attemptRun(ps::execute));
                }
            }
        }
        return out;
    }

    /**
     * What Spring's DataSourceTransactionManager does for {@code @Transactional(readOnly = true,
     * isolation = SERIALIZABLE)}: setReadOnly and setTransactionIsolation around the transaction,
     * and what the server then believes.
     */
    private static Outcome readOnlyAndIsolation(Jdbc j) throws Exception {
        j.tables().run("delete from j_parent");
        Outcome out = Outcome.columns("what", "value");
        String serverIsolation = j.pg() ? "show transaction_isolation" : "select @@session.tx_isolation";
        String serverReadOnly = j.pg() ? "show transaction_read_only" : "select @@session.tx_read_only";
        try (Connection c = j.dataSource.getConnection()) {
            out.row("defaults", c.getTransactionIsolation() + " " + c.isReadOnly() + " " + c.getAutoCommit());
            c.setReadOnly(true);
            out.row("read-only", c.isReadOnly());
            out.row("server read-only", scalar(c, serverReadOnly));
            out.row("write in autocommit", attemptRun(() -> update(c, "insert into j_parent values (1, 'ro')")));
            c.setAutoCommit(false);
            out.row("server read-only in tx", scalar(c, serverReadOnly));
            out.row("write in tx", attemptRun(() -> update(c, "insert into j_parent values (2, 'ro')")));
            out.row("set read-write in tx", attemptRun(() -> {
                c.setReadOnly(false);
                return c.isReadOnly();
            }));
            c.rollback();
            c.setReadOnly(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            out.row("isolation", c.getTransactionIsolation());
            out.row("server isolation", scalar(c, serverIsolation));
            out.row("write", update(c, "insert into j_parent values (3, 'rw')"));
            out.row("change isolation in tx", attemptRun(() -> {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                return c.getTransactionIsolation();
            }));
            c.commit();
            out.row("server isolation after commit", scalar(c, serverIsolation));
            c.rollback();
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            out.row("server isolation in autocommit", scalar(c, serverIsolation));
            out.row("isolation at end", c.getTransactionIsolation());
        }
        try (Connection c = j.dataSource.getConnection()) {
            out.row("next borrow", c.getTransactionIsolation() + " " + c.isReadOnly() + " " + c.getAutoCommit() + " "
                    + scalar(c, serverIsolation) + " " + scalar(c, serverReadOnly));
        }
        try (Connection c = j.dataSource.getConnection()) {
            out.row("stored", scalar(c, "select count(*) * 100 + coalesce(max(id), 0) from j_parent"));
        }
        return out;
    }

    /** A commit the database refuses (a deferred constraint on PostgreSQL), then the connection's state. */
    private static Outcome failingCommit(Jdbc j) throws Exception {
        Outcome out = Outcome.columns("what", "value");
        if (j.pg()) {
            j.tables().run("drop table if exists j_deferred",
                    "create table j_deferred(id int, constraint j_deferred_u unique (id) deferrable initially deferred)");
        } else {
            j.tables().run("drop table if exists j_deferred", "create table j_deferred(id int, constraint j_deferred_u unique (id))"
                    + " engine=InnoDB");
        }
        try (Connection c = j.dataSource.getConnection()) {
            c.setAutoCommit(false);
            out.row("first", update(c, "insert into j_deferred values (1)"));
            out.row("duplicate", attemptRun(() -> update(c, "insert into j_deferred values (1)")));
            out.row("commit", attemptRun(() -> {
                c.commit();
                return "committed";
            }));
            out.row("autocommit after", c.getAutoCommit());
            out.row("next statement", attemptRun(() -> scalar(c, "select count(*) from j_deferred")));
            c.rollback();
            out.row("after rollback", attemptRun(() -> scalar(c, "select count(*) from j_deferred")));
            c.commit();
        }
        return out;
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static Object scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    /**
     * Each numeric getter on numbers that do not fit it: what Spring's {@code SingleColumnRowMapper}
     * and Hibernate's {@code IntegerJdbcType} (getInt) read when a column is wider than the field.
     * A value that does not fit fails as on the driver, never comes back wrapped around.
     */
    private static Outcome numbersOutOfRange(Jdbc j) throws Exception {
        String[] exprs = j.pg() ? new String[] {
            "cast(3000000000 as bigint)", "cast(70000 as int)", "cast(300 as int)", "cast(-129 as int)",
            "cast(1.5 as numeric)", "cast(-1.5 as numeric)", "cast(1e20 as numeric)", "cast(9223372036854775808 as numeric)",
            "cast(-9223372036854775809 as numeric)", "cast(1e300 as double precision)", "cast(2.5 as double precision)",
            "cast(2 as int)", "cast(127 as smallint)",
        } : new String[] {
            "cast(3000000000 as signed)", "70000", "300", "-129",
            "cast(1.5 as decimal(5,1))", "cast(-1.5 as decimal(5,1))", "cast(1e20 as decimal(30,0))",
            "cast(9223372036854775808 as decimal(30,0))", "cast(-9223372036854775809 as decimal(30,0))", "1e300",
            "cast(2.5 as double)", "2", "cast(127 as signed)",
        };
        return getters(j, exprs, false);
    }

    /** The numeric getters on text and booleans, and getBoolean on everything: each driver has its own rules. */
    private static Outcome textAndBooleans(Jdbc j) throws Exception {
        String[] exprs = j.pg() ? new String[] {
            "cast(3000000000 as bigint)", "cast(1.5 as numeric)", "cast(2 as int)", "cast(1 as int)", "cast(0 as int)",
            "cast('12' as text)", "cast(' 12 ' as text)", "cast('1.9' as text)", "cast('x' as text)", "cast('yes' as text)",
            "cast('on' as text)", "true",
        } : new String[] {
            "cast(3000000000 as signed)", "cast(1.5 as decimal(5,1))", "2", "1", "0", "'12'", "' 12 '", "'1.9'", "'x'",
            "'yes'", "'on'", "true",
        };
        return getters(j, exprs, true);
    }

    /** @param textRules whether to add getObject(Integer.class) and getBoolean, where the drivers' own rules differ */
    private static Outcome getters(Jdbc j, String[] exprs, boolean textRules) throws Exception {
        Outcome out = textRules ? Outcome.columns("expression", "getByte", "getShort", "getInt", "getLong", "getFloat",
                "getDouble", "getBigDecimal", "getObject(Integer)", "getBoolean")
                : Outcome.columns("expression", "getByte", "getShort", "getInt", "getLong", "getFloat", "getDouble",
                "getBigDecimal");
        try (Connection c = j.dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String e : exprs) {
                try (ResultSet rs = s.executeQuery("select " + e)) {
                    rs.next();
                    List<Object> row = new ArrayList<>(java.util.Arrays.asList(e, attempt(rs::getByte, 1), attempt(rs::getShort, 1),
                            attempt(rs::getInt, 1), attempt(rs::getLong, 1), attempt(rs::getFloat, 1),
                            attempt(rs::getDouble, 1), attempt(rs::getBigDecimal, 1)));
                    if (textRules) {
                        row.add(attempt(i -> rs.getObject(i, Integer.class), 1));
                        row.add(attempt(rs::getBoolean, 1));
                    }
                    out.row(row.toArray());
                }
            }
        }
        return out;
    }
}
