package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pool.client.RemoteDataSource;
import pool.remote.PasswordHash;
import pool.testsupport.db.DatabaseServer;

/**
 * What a value means through poold against what it means through the backend driver in the
 * same JVM, with the client (this JVM, {@link #CLIENT_ZONE}) and the packaged daemon
 * ({@link #DAEMON_ZONE}) in different zones: each check runs the same JDBC code on a direct
 * connection and on a remote one and compares what it saw. Issue 17, items 1, 2, 5, 6, 7.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RemoteValuesScenarios {

    static final String CLIENT_ZONE = "Asia/Kolkata";
    static final String DAEMON_ZONE = "America/New_York";

    /** Local date-times that shift if they cross as the daemon's zone's fields: DST gaps, LMT, the Julian switch. */
    static final List<LocalDateTime> TIMES = List.of(LocalDateTime.of(2024, 2, 29, 8, 0),
            LocalDateTime.of(2024, 3, 10, 2, 30), LocalDateTime.of(2024, 11, 3, 1, 30),
            LocalDateTime.of(1850, 6, 15, 12, 0), LocalDateTime.of(1582, 10, 10, 0, 0),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));

    private final String password = UUID.randomUUID().toString();
    final String table = "vals_" + UUID.randomUUID().toString().substring(0, 8);
    private Path work;
    private PooldProcess daemon;
    private TimeZone before;
    RemoteDataSource remote;

    abstract DatabaseServer server();

    abstract String driver();

    /** @return the column type of a date-time without zone */
    abstract String timestampType();

    /** @return DDL of a routine {@code <table>_echo} that returns its timestamp argument as an OUT value */
    abstract String echoDdl();

    /** @return the escape call of the routine: the IN parameter at index 1 or 2, the OUT at the other */
    abstract String echoCall();

    /** @return the index of the OUT parameter in {@link #echoCall()} (the IN one is the other of 1 and 2) */
    abstract int echoOut();

    /** @return the values an OUT parameter is checked with */
    List<LocalDateTime> outTimes() {
        return TIMES;
    }

    /** @return the database's text of column {@code column} of row {@code id}, read in a session at UTC */
    abstract String storedText(Connection direct, String column, int id) throws SQLException;

    @BeforeAll
    void start() throws Exception {
        before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(CLIENT_ZONE));
        try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + "(id int primary key, ts " + timestampType() + ", d date, t time(3),"
                    + " name varchar(40) unique, r real, flag boolean, amount numeric(10,4))");
            s.execute(echoDdl());
        }
        work = Files.createTempDirectory("poold-values-");
        int port = FreePorts.loopback();
        Path dbPassword = DaemonFiles.dbPassword(work, server());
        String hash = PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort><drainTimeout>5s</drainTimeout></daemon>
                  <clients><user name="app" hash="%s"/></clients>
                  <pool name="values" driver="%s">
                    <jdbcUrl>%s</jdbcUrl><user>%s</user><password>${file:%s}</password>
                    <minIdle>1</minIdle><maxSize>4</maxSize><clientUsers>app</clientUsers>
                  </pool>
                </poold>
                """.formatted(port, FreePorts.loopback(), hash, driver(), server().jdbcUrl(), server().user(), dbPassword));
        daemon = PooldProcess.startReady(work, Map.of("POOLD_JAVA_OPTS", "-Xmx96m -Duser.timezone=" + DAEMON_ZONE),
                config);
        remote = RemoteDataSource.builder("rmi://127.0.0.1:" + port + "/pools/values").user("app").password(password)
                .build();
    }

    @AfterAll
    void stop() throws Exception {
        TimeZone.setDefault(before);
        if (remote != null) {
            remote.close();
        }
        if (daemon != null) {
            daemon.signal("TERM");
            daemon.awaitExit();
            daemon.close();
        }
        try (Connection c = server().openConnection(); Statement s = c.createStatement()) {
            s.execute("drop table " + table);
            s.execute((driver().equals("postgresql") ? "drop function " : "drop procedure ") + table + "_echo");
        }
    }

    /** JDBC code run on both sides; it records what it saw. */
    interface Check {
        void run(Connection c, List<Object> seen) throws Exception;
    }

    /** Runs {@code check} directly and through poold and asserts both saw the same. */
    void same(String what, Check check) throws Exception {
        assertEquals(seen(server().openConnection(), check), seen(remote.getConnection(), check), what);
    }

    private List<String> seen(Connection c, Check check) throws Exception {
        List<Object> seen = new ArrayList<>();
        try (c) {
            try (Statement s = c.createStatement()) {
                s.execute("delete from " + table);
            }
            try {
                check.run(c, seen);
            } catch (SQLException e) {
                seen.add(thrown(e));
            }
        }
        List<String> out = new ArrayList<>();
        for (Object o : seen) {
            out.add(describe(o));
        }
        return out;
    }

    static String describe(Object o) throws SQLException {
        if (o instanceof Timestamp t) {
            return "Timestamp " + t + " @" + t.getTime();
        }
        if (o instanceof java.util.Date d) {
            return o.getClass().getSimpleName() + " " + d + " @" + d.getTime();
        }
        if (o instanceof java.sql.Array a) {
            return "Array<" + a.getBaseTypeName() + "> " + describe(a.getArray());
        }
        if (o instanceof Object[] a) {
            List<String> items = new ArrayList<>();
            for (Object x : a) {
                items.add(describe(x));
            }
            return a.getClass().getComponentType().getSimpleName() + "[] " + items;
        }
        return o == null ? "null" : o.getClass().getName() + " " + o;
    }

    /** {@link #thrown} with the message, as the driver words it (MariaDB's connection number left out). */
    static String thrownWithMessage(SQLException e) {
        return thrown(e) + ": " + e.getMessage().replaceAll("\\(conn=\\d+\\) ", "");
    }

    /** Runs {@code step}, recording its driver's error, if any, as what was seen. */
    static void attempt(Connection c, List<Object> seen, Check step) throws Exception {
        try {
            step.run(c, seen);
        } catch (SQLException e) {
            seen.add(thrownWithMessage(e));
        }
    }

    /** The exception's chain of JDK types (a driver's class by its JDK superclass), SQLStates and vendor codes. */
    static String thrown(Throwable t) {
        StringBuilder sb = new StringBuilder("threw");
        for (Throwable x = t; x != null; x = x.getCause()) {
            Class<?> k = x.getClass();
            while (!k.getName().startsWith("java.")) {
                k = k.getSuperclass();
            }
            sb.append(' ').append(k.getSimpleName());
            if (x instanceof SQLException e) {
                sb.append('[').append(e.getSQLState()).append(',').append(e.getErrorCode()).append(']');
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- 17.1 zones

    @Test
    void aDateTimeMeansWhatItMeansThroughTheDriverWhateverTheDaemonsZone() throws Exception {
        same("LocalDateTime, Timestamp, LocalDate, Date, LocalTime, Time in and out", (c, seen) -> {
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + "(id, ts, d, t) values (?, ?, ?, ?)")) {
                for (int i = 0; i < TIMES.size(); i++) {
                    LocalDateTime v = TIMES.get(i);
                    ps.setInt(1, 2 * i);
                    ps.setObject(2, v);
                    ps.setObject(3, v.toLocalDate());
                    ps.setObject(4, v.toLocalTime().withNano(0));
                    ps.addBatch();
                    ps.setInt(1, 2 * i + 1);
                    ps.setTimestamp(2, Timestamp.valueOf(v));
                    ps.setDate(3, java.sql.Date.valueOf(v.toLocalDate()));
                    ps.setTime(4, java.sql.Time.valueOf(v.toLocalTime()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, ts, d, t from " + table
                    + " order by id")) {
                while (rs.next()) {
                    seen.add(rs.getObject(2));
                    seen.add(rs.getObject(2, LocalDateTime.class));
                    seen.add(rs.getTimestamp(2));
                    seen.add(rs.getObject(3));
                    seen.add(rs.getObject(3, LocalDate.class));
                    seen.add(rs.getDate(3));
                    seen.add(rs.getObject(4, LocalTime.class));
                    seen.add(rs.getTime(4));
                }
            }
            for (int i = 0; i < 2 * TIMES.size(); i++) {
                seen.add(storedText(c, "ts", i));
            }
        });
    }

    @Test
    void literalsAndParametersAgree() throws Exception {
        same("a timestamp literal and the same parameter", (c, seen) -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select timestamp '2024-02-29 08:00:00', date '1899-12-31', time '08:00:00'")) {
                rs.next();
                seen.add(rs.getObject(1));
                seen.add(rs.getObject(2));
                seen.add(rs.getObject(3));
                seen.add(rs.getString(1));
            }
        });
    }

    // ---------------------------------------------------------------- 17.2 Calendar variants, java.time

    @Test
    void calendarVariantsReadAndWriteInTheCalendarsZone() throws Exception {
        Calendar utc = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        GregorianCalendar proleptic = new GregorianCalendar(TimeZone.getTimeZone("Europe/Berlin"));
        proleptic.setGregorianChange(new java.util.Date(Long.MIN_VALUE)); // as Hibernate passes it
        same("setTimestamp/getTimestamp/getDate/getTime with a Calendar", (c, seen) -> {
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + "(id, ts, d, t) values (?, ?, ?, ?)")) {
                int id = 0;
                for (LocalDateTime v : TIMES) {
                    for (Calendar cal : List.of(utc, proleptic)) {
                        Timestamp t = Timestamp.from(v.atZone(ZoneOffset.UTC).toInstant());
                        ps.setInt(1, id++);
                        ps.setTimestamp(2, t, cal);
                        ps.setDate(3, new java.sql.Date(t.getTime()), cal);
                        ps.setTime(4, new java.sql.Time(t.getTime()), cal);
                        ps.executeUpdate();
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select ts, d, t from " + table
                    + " order by id")) {
                while (rs.next()) {
                    for (Calendar cal : List.of(utc, proleptic)) {
                        seen.add(rs.getTimestamp(1, cal));
                        seen.add(rs.getDate(2, cal));
                        seen.add(rs.getTime(3, cal));
                    }
                }
            }
        });
    }

    @Test
    void outParametersOfDatesAndTimesAreReadInTheClientsZone() throws Exception {
        same("a timestamp OUT parameter", (c, seen) -> {
            for (LocalDateTime v : outTimes()) {
                try (java.sql.CallableStatement cs = c.prepareCall(echoCall())) {
                    cs.registerOutParameter(echoOut(), java.sql.Types.TIMESTAMP);
                    cs.setTimestamp(3 - echoOut(), Timestamp.valueOf(v));
                    cs.execute();
                    seen.add(cs.getTimestamp(echoOut()));
                    seen.add(cs.getObject(echoOut()));
                }
            }
        });
    }

    @Test
    void outParametersRegisteredWithAnSqlTypeAsTheDriverTakesThem() throws Exception {
        same("registerOutParameter with a JDBCType, with a scale, with a type name", (c, seen) -> {
            Timestamp in = Timestamp.valueOf(LocalDateTime.of(2024, 2, 29, 8, 0, 1));
            for (int form = 0; form < 3; form++) {
                int f = form;
                try (java.sql.CallableStatement cs = c.prepareCall(echoCall())) {
                    attempt(c, seen, (x, z) -> {
                        switch (f) {
                            case 0 -> cs.registerOutParameter(echoOut(), java.sql.JDBCType.TIMESTAMP);
                            case 1 -> cs.registerOutParameter(echoOut(), java.sql.JDBCType.TIMESTAMP, 0);
                            default -> cs.registerOutParameter(echoOut(), java.sql.JDBCType.TIMESTAMP, "timestamp");
                        }
                        cs.setTimestamp(3 - echoOut(), in);
                        cs.execute();
                        z.add(cs.getTimestamp(echoOut()));
                        z.add(cs.getObject(echoOut()));
                    });
                }
            }
        });
    }

    @Test
    void offsetsAndInstantsAsTheDriverConvertsThem() throws Exception {
        same("OffsetDateTime in, OffsetDateTime and Instant out", (c, seen) -> {
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + "(id, ts) values (?, ?)")) {
                int id = 0;
                for (LocalDateTime v : TIMES.subList(0, 4)) {
                    ps.setInt(1, id++);
                    ps.setObject(2, v.atOffset(ZoneOffset.ofHours(-3)));
                    ps.executeUpdate();
                }
            } catch (SQLException e) {
                seen.add(thrown(e)); // a driver that refuses the type refuses it both ways
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select ts from " + table
                    + " order by id")) {
                while (rs.next()) {
                    seen.add(rs.getObject(1, OffsetDateTime.class));
                    seen.add(rs.getTimestamp(1).toInstant());
                }
            }
        });
    }

    // ---------------------------------------------------------------- 17.6, 17.7

    @Test
    void theDriverIdentityIsTheBackendDriversAndTheSessionIsInTheClientsZone() throws Exception {
        same("driver identity", (c, seen) -> {
            seen.add(c.getMetaData().getDriverName());
            seen.add(c.getMetaData().getDriverVersion());
            seen.add(c.getMetaData().getDatabaseProductName());
        });
        assertNotEquals(ZoneId.of(DAEMON_ZONE), ZoneId.systemDefault(), "the test needs the daemon in another zone");
    }

    @Test
    void batchFailuresKeepTheirCauseAndUnnamedSavepointsTheirNumbers() throws Exception {
        same("a failing batch, savepoints", (c, seen) -> {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + "(id, name) values (?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, i == 3 ? "one" : i == 1 ? "one" : "two");
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (BatchUpdateException e) {
                seen.add(thrown(e));
            }
            c.rollback();
            Savepoint named = c.setSavepoint("n");
            Savepoint first = c.setSavepoint();
            Savepoint second = c.setSavepoint();
            seen.add(named.getSavepointName());
            seen.add(first.getSavepointId());
            seen.add(second.getSavepointId());
            c.rollback();
            c.setAutoCommit(true);
            seen.add(c.nativeSQL("select {fn ucase('a')}, {d '2024-02-29'}"));
            seen.add(c.getTypeMap().isEmpty());
            seen.add(c.getNetworkTimeout());
        });
    }

    /**
     * docs/jdbc-methods.md's DatabaseMetaData table: every argument-less answer it says is the
     * backend driver's is the driver's, and poold's own "false" answers are false.
     */
    @Test
    void theMetadataAnswersWhatTheMethodTableSays() throws Exception {
        Path doc = Path.of("").toAbsolutePath();
        while (!Files.exists(doc.resolve("docs/jdbc-methods.md"))) {
            doc = doc.getParent();
        }
        String page = Files.readString(doc.resolve("docs/jdbc-methods.md"));
        String section = page.substring(page.indexOf("### DatabaseMetaData"));
        section = section.substring(0, section.indexOf("\n### ", 5));
        int checked = 0;
        try (Connection direct = server().openConnection(); Connection viaPoold = remote.getConnection()) {
            java.sql.DatabaseMetaData d = direct.getMetaData();
            java.sql.DatabaseMetaData r = viaPoold.getMetaData();
            for (String line : section.split("\n")) {
                if (!line.startsWith("| `") || !line.contains("()`")) {
                    continue;
                }
                String name = line.substring(3, line.indexOf("()`"));
                java.lang.reflect.Method m = java.sql.DatabaseMetaData.class.getMethod(name);
                Class<?> t = m.getReturnType();
                if (t != boolean.class && t != int.class && t != long.class && t != String.class) {
                    continue;
                }
                if (line.contains("the backend driver's")) {
                    assertEquals(answer(m, d), answer(m, r), "DatabaseMetaData." + name + "()");
                    checked++;
                } else if (line.contains("poold: false")) {
                    assertEquals("false", answer(m, r), "DatabaseMetaData." + name + "()");
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "checked " + checked + " answers");
    }

    private static String answer(java.lang.reflect.Method m, java.sql.DatabaseMetaData md) {
        try {
            return String.valueOf(m.invoke(md));
        } catch (java.lang.reflect.InvocationTargetException e) {
            return "threw " + (e.getCause() instanceof java.sql.SQLFeatureNotSupportedException ? "unsupported"
                    : e.getCause().getClass().getSimpleName());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void clientInfoIsTheDriversAndTravelsToTheDaemon() throws Exception {
        try (Connection c = remote.getConnection(); Connection d = server().openConnection()) {
            assertEquals(d.getClientInfo().stringPropertyNames(), c.getClientInfo().stringPropertyNames());
            c.setClientInfo("ApplicationName", "values-test");
            assertEquals("values-test", c.getClientInfo("ApplicationName"));
        }
    }

    // ---------------------------------------------------------------- the backend driver's answers

    @Test
    void setObjectWithATargetTypeConvertsAsTheDriverDoes() throws Exception {
        same("setObject(index, value, type[, scale])", (c, seen) -> {
            try (PreparedStatement ps = c.prepareStatement("insert into " + table
                    + "(id, r, flag, amount, name) values (?, ?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setObject(2, "1.5", java.sql.Types.REAL);
                ps.setObject(3, "true", java.sql.Types.BOOLEAN);
                ps.setObject(4, new java.math.BigDecimal("2.34567"), java.sql.Types.NUMERIC, 2);
                ps.setObject(5, 42, java.sql.Types.VARCHAR);
                attempt(c, seen, (x, z) -> z.add(ps.executeUpdate()));
                ps.setInt(1, 2);
                ps.setObject(2, 2, java.sql.Types.REAL);
                ps.setObject(3, 1, java.sql.Types.BIT);
                ps.setObject(4, "7.125", java.sql.Types.DECIMAL);
                ps.setObject(5, 'c', java.sql.Types.CHAR);
                attempt(c, seen, (x, z) -> z.add(ps.executeUpdate()));
            }
            readTypedColumns(c, seen);
        });
    }

    /** Adds what {@code getObject} answers for the columns the typed-setter scenarios write. */
    private void readTypedColumns(Connection c, List<Object> seen) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select r, flag, amount, name from " + table + " order by id")) {
            while (rs.next()) {
                for (int i = 1; i <= 4; i++) {
                    seen.add(rs.getObject(i));
                }
            }
        }
    }

    /**
     * {@code getParameterMetaData()} and {@code getMetaData()} before execution answer what the
     * driver's description of the statement says (Spring's {@code setNull} asks for the type of
     * every null parameter), refusals and index errors included.
     */
    @Test
    void statementsAreDescribedBeforeTheyRunAsTheDriverDescribesThem() throws Exception {
        same("getParameterMetaData, getMetaData before execution, setNull with the described type", (c, seen) -> {
            try (PreparedStatement ps = c.prepareStatement("select id, name, amount, id + 1 as next from " + table
                    + " where id = ? and name = ? and amount > ?")) {
                describe(c, ps, seen);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + "(id, ts, flag) values (?, ?, ?)")) {
                describe(c, ps, seen);
                ps.setInt(1, 5);
                for (int i = 2; i <= 3; i++) { // as Spring's StatementCreatorUtils.setNull does it
                    int type;
                    try {
                        type = ps.getParameterMetaData().getParameterType(i);
                    } catch (SQLException e) {
                        seen.add(thrownWithMessage(e));
                        type = java.sql.Types.NULL;
                    }
                    ps.setNull(i, type);
                }
                seen.add(ps.executeUpdate());
                seen.add(ps.getMetaData() == null ? "no columns" : ps.getMetaData().getColumnCount());
            }
            try (PreparedStatement ps = c.prepareStatement("select x from no_such_table_" + table + " where y = ?")) {
                attempt(c, seen, (x, z) -> z.add(ps.getParameterMetaData().getParameterCount()));
                attempt(c, seen, (x, z) -> z.add(ps.getMetaData()));
            }
            try (java.sql.CallableStatement cs = c.prepareCall(echoCall())) {
                describe(c, cs, seen);
            }
        });
    }

    /** Records every answer of the statement's ParameterMetaData and pre-execution ResultSetMetaData. */
    private static void describe(Connection c, PreparedStatement ps, List<Object> seen) throws Exception {
        attempt(c, seen, (x, z) -> {
            java.sql.ParameterMetaData md = ps.getParameterMetaData();
            z.add("parameters " + md.getParameterCount());
            for (int i = 0; i <= md.getParameterCount() + 1; i++) {
                int p = i;
                attempt(x, z, (y, w) -> w.add("mode " + md.getParameterMode(p)));
                attempt(x, z, (y, w) -> w.add("type " + md.getParameterType(p)));
                attempt(x, z, (y, w) -> w.add("type name " + md.getParameterTypeName(p)));
                attempt(x, z, (y, w) -> w.add("class " + md.getParameterClassName(p)));
                attempt(x, z, (y, w) -> w.add("precision " + md.getPrecision(p) + " scale " + md.getScale(p)));
                attempt(x, z, (y, w) -> w.add("nullable " + md.isNullable(p) + " signed " + md.isSigned(p)));
            }
        });
        attempt(c, seen, (x, z) -> {
            java.sql.ResultSetMetaData md = ps.getMetaData();
            if (md == null) {
                z.add("no metadata");
                return;
            }
            for (int i = 1; i <= md.getColumnCount(); i++) {
                z.add(md.getColumnLabel(i) + " " + md.getColumnType(i) + " " + md.getColumnTypeName(i) + " "
                        + md.getColumnClassName(i) + " " + md.getPrecision(i) + " " + md.getScale(i) + " "
                        + md.isNullable(i) + " " + md.getTableName(i));
            }
        });
    }

    /**
     * A call that waits longer than the network timeout fails as the driver's socket timeout
     * fails it (08xxx), and the connection is closed; the daemon's connection goes back to its
     * pool (the next connection works).
     */
    @Test
    void aCallLongerThanTheNetworkTimeoutFailsAndClosesTheConnection() throws Exception {
        String sleep = driver().equals("postgresql") ? "select pg_sleep(3)" : "select sleep(3)";
        same("setNetworkTimeout, then a statement that outlives it", (c, seen) -> {
            attempt(c, seen, (x, z) -> x.setNetworkTimeout(Runnable::run, -1));
            seen.add(c.getNetworkTimeout());
            c.setNetworkTimeout(Runnable::run, 700);
            seen.add(c.getNetworkTimeout());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                rs.next();
                seen.add(rs.getInt(1)); // quicker than the timeout: as usual
            }
            Statement s = c.createStatement();
            try {
                s.executeQuery(sleep);
                seen.add("no timeout");
            } catch (SQLException e) {
                seen.add(thrownWithMessage(e));
            }
            seen.add(c.isClosed());
            attempt(c, seen, (x, z) -> x.commit());
        });
        try (Connection c = remote.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select 2")) {
            assertTrue(rs.next());
            assertEquals(0, c.getNetworkTimeout());
        }
    }

    /**
     * {@code setObject} with a {@code java.sql.SQLType}: pgjdbc refuses every such form at the
     * setter, MariaDB Connector/J binds with the type's vendor number (a JDBCType's, or a vendor's own).
     */
    @Test
    void setObjectWithAnSqlTypeIsTheDrivers() throws Exception {
        java.sql.SQLType vendorText = new java.sql.SQLType() {
            @Override
            public String getName() {
                return "TEXT_OF_A_VENDOR";
            }

            @Override
            public String getVendor() {
                return "test";
            }

            @Override
            public Integer getVendorTypeNumber() {
                return java.sql.Types.VARCHAR;
            }
        };
        same("setObject(index, value, SQLType[, scale])", (c, seen) -> {
            try (PreparedStatement ps = c.prepareStatement("insert into " + table
                    + "(id, r, flag, amount, name) values (?, ?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                attempt(c, seen, (x, z) -> ps.setObject(2, "1.5", java.sql.JDBCType.REAL));
                attempt(c, seen, (x, z) -> ps.setObject(3, "true", java.sql.JDBCType.BOOLEAN));
                attempt(c, seen, (x, z) -> ps.setObject(4, new java.math.BigDecimal("2.34567"), java.sql.JDBCType.NUMERIC,
                        2));
                attempt(c, seen, (x, z) -> ps.setObject(5, 42, vendorText));
                attempt(c, seen, (x, z) -> z.add(ps.executeUpdate()));
                ps.setInt(1, 2);
                attempt(c, seen, (x, z) -> ps.setObject(2, 2, java.sql.JDBCType.REAL, 0));
                attempt(c, seen, (x, z) -> ps.setObject(3, null, (java.sql.SQLType) null));
                attempt(c, seen, (x, z) -> z.add(ps.executeUpdate()));
            }
            readTypedColumns(c, seen);
        });
    }

    @Test
    void transactionEndsAndSettersAnswerAsTheDriverDoes() throws Exception {
        same("commit, rollback, savepoint in autocommit; an unknown isolation; setters in a transaction", (c, seen) -> {
            attempt(c, seen, (x, z) -> x.commit());
            attempt(c, seen, (x, z) -> x.rollback());
            attempt(c, seen, (x, z) -> z.add(x.setSavepoint() != null));
            attempt(c, seen, (x, z) -> x.setTransactionIsolation(Connection.TRANSACTION_NONE));
            seen.add(c.getTransactionIsolation());
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into " + table + "(id) values (1)");
            }
            attempt(c, seen, (x, z) -> x.setReadOnly(true));
            seen.add(c.isReadOnly());
            attempt(c, seen, (x, z) -> x.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
            seen.add(c.getTransactionIsolation());
            c.rollback();
            c.setReadOnly(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(true);
            attempt(c, seen, (x, z) -> x.setCatalog("no_such_database"));
            seen.add(c.getCatalog());
            attempt(c, seen, (x, z) -> x.setSchema("no_such_schema"));
            seen.add(c.getSchema());
            attempt(c, seen, (x, z) -> x.isValid(-1));
        });
    }

    @Test
    void resultMetadataIsTheDriversColumnByColumn() throws Exception {
        same("ResultSetMetaData of table columns and expressions", (c, seen) -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, ts, name, amount, flag,"
                    + " id + 1 as next from " + table)) {
                java.sql.ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    seen.add(md.getColumnLabel(i) + " " + md.getColumnName(i) + " " + md.getColumnType(i) + " "
                            + md.getColumnTypeName(i) + " " + md.getColumnClassName(i) + " " + md.getPrecision(i) + " "
                            + md.getScale(i) + " " + md.isNullable(i) + " " + md.isAutoIncrement(i) + " "
                            + md.isSigned(i) + " " + md.getTableName(i) + " read-only " + md.isReadOnly(i)
                            + " writable " + md.isWritable(i) + " definitely " + md.isDefinitelyWritable(i));
                }
            }
        });
    }

    @Test
    void largeUpdatesReturnGeneratedKeys() throws Exception {
        same("executeLargeUpdate with generated keys", (c, seen) -> {
            try (Statement s = c.createStatement()) {
                seen.add(s.executeLargeUpdate("insert into " + table + "(id, name) values (7, 'seven')",
                        new String[] {"id"}));
                try (ResultSet keys = s.getGeneratedKeys()) {
                    while (keys.next()) {
                        seen.add(keys.getObject(1));
                    }
                }
                seen.add(s.executeLargeUpdate("update " + table + " set name = 'eight' where id = 7",
                        Statement.NO_GENERATED_KEYS));
                seen.add(s.executeUpdate("insert into " + table + "(id, name) values (9, 'nine')"));
                attempt(c, seen, (x, z) -> {
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        z.add(keys.next());
                    }
                });
            }
        });
    }

    @Test
    void aBatchReturnsItsGeneratedKeys() throws Exception {
        same("getGeneratedKeys after executeBatch, by RETURN_GENERATED_KEYS and by column name", (c, seen) -> {
            String sql = "insert into " + table + "(id, name) values (?, ?)";
            int id = 0;
            for (PreparedStatement ps : List.of(c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS),
                    c.prepareStatement(sql, new String[] {"id"}))) {
                try (ps) {
                    for (int i = 0; i < 3; i++) {
                        ps.setInt(1, ++id);
                        ps.setString(2, "n" + id);
                        ps.addBatch();
                    }
                    seen.add(java.util.Arrays.toString(ps.executeBatch()));
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        while (keys.next()) {
                            seen.add(keys.getObject(1));
                        }
                    }
                }
            }
        });
    }

    /**
     * The errors the client raises without asking the daemon carry the driver's SQLState, class
     * and message: those of pgjdbc in full, those of MariaDB Connector/J where poold knows them
     * (docs/jdbc-methods.md).
     */
    @Test
    void theClientsOwnErrorsAreTheDrivers() throws Exception {
        same("errors of misuse: positions, negative settings, savepoints, closed objects", (c, seen) -> {
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select 1 as one, 2 as two_and_more");
            attempt(c, seen, (x, z) -> rs.getInt(1));
            rs.next();
            attempt(c, seen, (x, z) -> rs.getInt(3));
            attempt(c, seen, (x, z) -> rs.getInt("two"));
            attempt(c, seen, (x, z) -> s.setFetchSize(-1));
            attempt(c, seen, (x, z) -> s.setMaxRows(-1));
            attempt(c, seen, (x, z) -> s.setQueryTimeout(-1));
            c.setAutoCommit(false);
            Savepoint unnamed = c.setSavepoint();
            Savepoint named = c.setSavepoint("named");
            attempt(c, seen, (x, z) -> unnamed.getSavepointName());
            attempt(c, seen, (x, z) -> named.getSavepointId());
            c.releaseSavepoint(named);
            attempt(c, seen, (x, z) -> x.rollback(named));
            c.rollback();
            c.setAutoCommit(true);
            rs.close();
            attempt(c, seen, (x, z) -> rs.next());
            attempt(c, seen, (x, z) -> rs.getInt(1));
            s.close();
            attempt(c, seen, (x, z) -> s.executeQuery("select 1"));
            c.close();
            attempt(c, seen, (x, z) -> x.commit());
        });
    }

    /** pgjdbc refuses a parameter index beyond the SQL's placeholders at the setter; Connector/J at execution. */
    @Test
    void aParameterIndexBeyondThePlaceholdersFailsWhereTheDriverFails() throws Exception {
        same("setters beyond the placeholders and below 1", (c, seen) -> {
            try (PreparedStatement ps = c.prepareStatement("select ? as a, '?' as \"?\" /* ? */ from " + table
                    + " where id = ? -- ?\n")) {
                attempt(c, seen, (x, z) -> ps.setInt(3, 1));
                attempt(c, seen, (x, z) -> ps.setInt(0, 1));
                attempt(c, seen, (x, z) -> ps.setNull(5, java.sql.Types.INTEGER));
                attempt(c, seen, (x, z) -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        z.add(rs.next());
                    }
                });
                ps.clearParameters();
                ps.setInt(1, 1);
                ps.setInt(2, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    seen.add(rs.next());
                }
            }
        });
    }

    /** closeOnCompletion: when the statement closes, and what it answers meanwhile. */
    @Test
    void closeOnCompletionClosesTheStatementAsTheDriverDoes() throws Exception {
        same("closeOnCompletion with results closed, replaced, without rows", (c, seen) -> {
            Statement s = c.createStatement();
            s.closeOnCompletion();
            seen.add("asked " + s.isCloseOnCompletion());
            ResultSet rs = s.executeQuery("select 1");
            rs.next();
            rs.close();
            seen.add("after close " + s.isClosed());
            Statement t = c.createStatement();
            t.closeOnCompletion();
            attempt(c, seen, (x, z) -> z.add("update " + t.executeUpdate("update " + table + " set name = 'x' where id < 0")
                    + " closed " + t.isClosed()));
            ResultSet first = t.executeQuery("select 1");
            attempt(c, seen, (x, z) -> {
                try (ResultSet second = t.executeQuery("select 2")) {
                    z.add("second " + second.next() + " first closed " + first.isClosed() + " statement " + t.isClosed());
                }
            });
            seen.add("in the end " + t.isClosed());
            PreparedStatement p = c.prepareStatement("select ?");
            p.closeOnCompletion();
            p.setInt(1, 3);
            try (ResultSet r = p.executeQuery()) {
                seen.add(r.next());
            }
            seen.add("prepared " + p.isClosed());
            Statement u = c.createStatement();
            u.closeOnCompletion();
            attempt(c, seen, (x, z) -> {
                ResultSet r = u.getGeneratedKeys();
                r.close();
                z.add("keys closed, statement " + u.isClosed());
            });
            Statement v = c.createStatement();
            ResultSet one = v.executeQuery("select 1");
            ResultSet two = v.executeQuery("select 2");
            seen.add("first after re-execution " + one.isClosed());
            attempt(c, seen, (x, z) -> z.add("first still reads " + one.next()));
            v.close();
            seen.add("after the statement's close " + one.isClosed() + " " + two.isClosed());
        });
    }

    @Test
    void aValueTooLongFailsWithTheDriversExceptionClass() throws Exception {
        same("a string longer than its varchar(40)", (c, seen) -> {
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + "(id, name) values (?, ?)")) {
                ps.setInt(1, 1);
                ps.setString(2, "x".repeat(50));
                ps.executeUpdate();
            } catch (SQLException e) {
                seen.add(thrownWithMessage(e));
                seen.add(e instanceof java.sql.DataTruncation);
            }
        });
    }

    /**
     * Every result of an execution, in turn, as {@code getMoreResults} gives them.
     *
     * @param rows what {@code execute} answered
     */
    static void allResults(Statement s, boolean rows, List<Object> seen) throws SQLException {
        seen.add(rows);
        while (true) {
            if (rows) {
                try (ResultSet rs = s.getResultSet()) {
                    seen.add("rows " + rs.getMetaData().getColumnLabel(1));
                    while (rs.next()) {
                        seen.add(rs.getObject(1));
                    }
                }
            } else {
                int count = s.getUpdateCount();
                if (count == -1) {
                    return;
                }
                seen.add("count " + count);
            }
            rows = s.getMoreResults();
        }
    }

    /**
     * The results of {@code s} after a first result larger than one batch (it streams through
     * poold): read to its end, left before its end, and closed by the application.
     *
     * @param run executes the statement of several results on {@code s}, answering what execute answered
     */
    static void resultsAfterALargeFirst(Statement s, Check run, Connection c, List<Object> seen) throws Exception {
        List<Object> answer = new ArrayList<>();
        run.run(c, answer);
        allResults(s, (Boolean) answer.get(0), seen);
        answer.clear();
        run.run(c, answer);
        ResultSet first = s.getResultSet();
        first.next();
        seen.add(first.getObject(1));
        seen.add("more " + s.getMoreResults() + " count " + s.getUpdateCount());
        allResults(s, s.getMoreResults(), seen);
        answer.clear();
        run.run(c, answer);
        s.getResultSet().close();
        allResults(s, s.getMoreResults(), seen);
    }

    /**
     * Every result of an execution in turn, each summed up (a result of rows: its column, count,
     * first and last value), with what the statement answers between them: {@code getUpdateCount()}
     * and whether {@code getResultSet()} is null, also once the results are over.
     *
     * @param rows what {@code execute} answered
     */
    static void resultsSummed(Statement s, boolean rows, List<Object> seen) throws SQLException {
        seen.add(rows);
        while (true) {
            seen.add("count " + s.getUpdateCount() + (s.getResultSet() == null ? " no rows" : " rows"));
            if (rows) {
                try (ResultSet rs = s.getResultSet()) {
                    seen.add(summed(rs));
                }
            } else if (s.getUpdateCount() == -1) {
                break;
            }
            rows = s.getMoreResults();
            seen.add("more " + rows);
        }
        seen.add("after the end: more " + s.getMoreResults() + ", count " + s.getUpdateCount() + ", "
                + (s.getResultSet() == null ? "no rows" : "rows"));
    }

    /** A result's rows from where it stands: column label, how many, first and last value. */
    static String summed(ResultSet rs) throws SQLException {
        long n = 0;
        Object first = null;
        Object last = null;
        while (rs.next()) {
            Object v = rs.getObject(1);
            if (n++ == 0) {
                first = v;
            }
            last = v;
        }
        return rs.getMetaData().getColumnLabel(1) + ": " + n + " rows, " + first + " .. " + last;
    }

    /**
     * Moves through a statement's results with {@code getMoreResults(how)}, reading a few rows of
     * each result of rows first, then reads what is left of every result met that is still
     * open: what {@code KEEP_CURRENT_RESULT}, {@code CLOSE_CURRENT_RESULT} and
     * {@code CLOSE_ALL_RESULTS} left open, as the driver answers it.
     */
    static void movedOnWith(Statement s, boolean rows, int how, List<Object> seen) throws Exception {
        List<ResultSet> met = new ArrayList<>();
        seen.add(rows);
        while (true) {
            if (rows) {
                ResultSet rs = s.getResultSet();
                met.add(rs);
                for (int i = 0; i < 3 && rs.next(); i++) {
                    seen.add(rs.getObject(1));
                }
            } else if (s.getUpdateCount() == -1) {
                break;
            } else {
                seen.add("count " + s.getUpdateCount());
            }
            rows = s.getMoreResults(how);
            seen.add("more " + rows);
        }
        for (ResultSet rs : met) {
            seen.add("closed " + rs.isClosed());
            if (!rs.isClosed()) { // a closed one is not read: Connector/J's may still answer its rows
                seen.add(summed(rs));
            }
        }
    }
}
