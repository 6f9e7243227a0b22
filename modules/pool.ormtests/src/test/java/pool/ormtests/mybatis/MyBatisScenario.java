package pool.ormtests.mybatis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.RowBounds;
import pool.ormtests.Backend;
import pool.ormtests.Outcome;
import pool.ormtests.Step;
import pool.ormtests.TimeValues;

/**
 * The MyBatis scenario: mapped SQL through MyBatis' built-in type handlers, which call JDBC
 * more directly than Hibernate does ({@code setObject}/{@code getObject(i, LocalDateTime.class)}
 * for java.time, {@code createArrayOf}/{@code getArray}, {@code getClob}/{@code getBlob}, a
 * {@code Cursor} over a forward-only result).
 */
final class MyBatisScenario {

    static final int BULK_ROWS = 10_000;

    private MyBatisScenario() {
    }

    /** The tables, created through the driver's own connection before the first step. */
    static List<String> ddl(Backend b) {
        boolean pg = b == Backend.POSTGRES;
        String ts = pg ? "timestamp(6)" : "datetime(6)";
        String tstz = pg ? "timestamp(6) with time zone" : "datetime(6)";
        List<String> ddl = new ArrayList<>(List.of(
                "drop table if exists mb_order", "drop table if exists mb_item", "drop table if exists mb_moment",
                "drop table if exists mb_document", "drop table if exists mb_tagged",
                "create table mb_item(id bigint primary key, name varchar(100) not null unique, n int)",
                "create table mb_order(id bigint primary key, item_id bigint not null references mb_item(id), qty int not null"
                        + " check (qty > 0))",
                "create table mb_moment(id bigint primary key, local_date date, local_time time(6), local_date_time " + ts
                        + ", offset_date_time " + tstz + ", offset_time " + (pg ? "time(6) with time zone" : "time(6)")
                        + ", zoned_date_time " + tstz + ", instant_value " + tstz + ", util_date " + ts
                        + ", sql_date date, sql_time time, sql_timestamp " + ts + ")",
                "create table mb_document(id bigint primary key, text_value " + (pg ? "text" : "longtext") + ", bytes_value "
                        + (pg ? "bytea" : "longblob") + ")"));
        if (pg) {
            ddl.add("create table mb_tagged(id bigint primary key, numbers integer[], labels text[])");
        }
        return ddl;
    }

    static List<Step<Mb>> steps() {
        List<Step<Mb>> steps = new ArrayList<>();
        steps.add(Step.of("batch.insert500", MyBatisScenario::batch));
        steps.add(Step.of("query.join", MyBatisScenario::join));
        steps.add(Step.of("query.paging", MyBatisScenario::paging));
        steps.add(Step.of("constraint.unique", m -> violation(m, x -> x.insertItem(new MbItem(2, "one", 1)))));
        steps.add(Step.of("constraint.foreignKey", m -> violation(m, x -> x.insertOrder(1, 999, 1))));
        steps.add(Step.of("constraint.check", m -> violation(m, x -> x.insertOrder(1, 1, 0))));
        steps.add(Step.of("lob.textAndBytes", MyBatisScenario::lobs));
        steps.add(Step.time("time.localDate", m -> time(m, "localDate", TimeValues.LOCAL_DATES, (x, v) -> x.localDate = v)));
        steps.add(Step.time("time.localTime", m -> time(m, "localTime", TimeValues.LOCAL_TIMES, (x, v) -> x.localTime = v)));
        steps.add(Step.time("time.localDateTime", m -> time(m, "localDateTime", TimeValues.LOCAL_DATE_TIMES,
                (x, v) -> x.localDateTime = v)));
        steps.add(Step.time("time.offsetDateTime", m -> time(m, "offsetDateTime", TimeValues.OFFSET_DATE_TIMES,
                (x, v) -> x.offsetDateTime = v)));
        steps.add(Step.<Mb>time("time.offsetTime", m -> time(m, "offsetTime", TimeValues.OFFSET_TIMES,
                (x, v) -> x.offsetTime = v)).only(Backend.POSTGRES));
        // pgjdbc has no getObject(i, ZonedDateTime.class), which MyBatis' handler calls: MariaDB only.
        steps.add(Step.<Mb>time("time.zonedDateTime", m -> time(m, "zonedDateTime", TimeValues.ZONED_DATE_TIMES,
                (x, v) -> x.zonedDateTime = v)).only(Backend.MARIADB));
        steps.add(Step.time("time.instant", m -> time(m, "instantValue", TimeValues.INSTANTS, (x, v) -> x.instantValue = v)));
        steps.add(Step.time("time.utilDate", m -> time(m, "utilDate", utilDates(), (x, v) -> x.utilDate = v)));
        steps.add(Step.time("time.sqlDate", m -> time(m, "sqlDate",
                TimeValues.LOCAL_DATES.stream().map(java.sql.Date::valueOf).toList(), (x, v) -> x.sqlDate = v)));
        steps.add(Step.time("time.sqlTime", m -> time(m, "sqlTime",
                TimeValues.LOCAL_TIMES.stream().map(t -> java.sql.Time.valueOf(t.withNano(0))).toList(), (x, v) -> x.sqlTime = v)));
        steps.add(Step.time("time.sqlTimestamp", m -> time(m, "sqlTimestamp",
                TimeValues.LOCAL_DATE_TIMES.stream().map(Timestamp::valueOf).toList(), (x, v) -> x.sqlTimestamp = v)));
        steps.add(Step.time("native.temporalLiterals", MyBatisScenario::literals));
        steps.add(Step.<Mb>of("arrays.integerAndText", MyBatisScenario::arrays).only(Backend.POSTGRES));
        steps.add(Step.of("cursor.10000", MyBatisScenario::cursor));
        steps.add(Step.of("savepoint.namedAndUnnamed", MyBatisScenario::savepoints));
        return steps;
    }

    private static Outcome batch(Mb m) throws Exception {
        m.tables().clear("mb_order", "mb_item");
        Outcome out = Outcome.columns("what", "value");
        m.tx(ExecutorType.BATCH, (s, x) -> {
            for (int i = 1; i <= 500; i++) {
                x.insertItem(new MbItem(i, "item-" + i, i % 17));
            }
            List<BatchResult> results = s.flushStatements();
            for (BatchResult r : results) {
                int[] counts = r.getUpdateCounts();
                out.row("batch of", counts.length + " rows, counts " + java.util.Arrays.stream(counts).distinct().boxed().toList());
            }
            return null;
        });
        return out.row("summary", m.tx((s, x) -> x.itemSummary()));
    }

    private static void shop(Mb m) throws Exception {
        m.tables().clear("mb_order", "mb_item");
        m.tx((s, x) -> {
            long order = 1;
            for (int i = 1; i <= 30; i++) {
                x.insertItem(new MbItem(i, i == 1 ? "one" : "item-" + i, i * 7 % 11));
                for (int o = 0; o < i % 3; o++) {
                    x.insertOrder(order++, i, o + 1);
                }
            }
            return null;
        });
    }

    private static Outcome join(Mb m) throws Exception {
        shop(m);
        return m.tx((s, x) -> {
            Outcome out = Outcome.columns("row");
            for (Map<String, Object> r : x.itemsWithOrders()) {
                out.row(r);
            }
            return out;
        });
    }

    private static Outcome paging(Mb m) throws Exception {
        shop(m);
        return m.tx((s, x) -> {
            Outcome out = Outcome.columns("how", "page", "id", "n");
            for (int page = 0; page < 5; page++) {
                for (MbItem i : x.itemsByN(new RowBounds(page * 7, 7))) {
                    out.row("RowBounds", page, i.id, i.n);
                }
                for (MbItem i : x.itemsPage(7, page * 7)) {
                    out.row("limit/offset", page, i.id, i.n);
                }
            }
            return out;
        });
    }

    @FunctionalInterface
    private interface Violation {
        void attempt(Mapper mapper) throws Exception;
    }

    private static Outcome violation(Mb m, Violation attempt) throws Exception {
        m.tables().clear("mb_order", "mb_item");
        m.tx((s, x) -> x.insertItem(new MbItem(1, "one", 1)));
        Outcome out = Outcome.columns("what", "value");
        try (var s = m.factory.openSession(false)) {
            attempt.attempt(s.getMapper(Mapper.class));
            out.row("violation", "not detected");
        } catch (RuntimeException e) {
            out.row("exception", e);
        }
        return out.row("rows after rollback", m.tx((s, x) -> x.itemSummary().values().iterator().next()));
    }

    /** About 2.6 MB of UTF-8 text with 1- to 4-byte characters, and 3 MB of seeded random bytes. */
    private static MbDocument bigDocument(long id) {
        MbDocument d = new MbDocument();
        d.id = id;
        d.textValue = "Grüße, 日本語, 𝄞 and plain ASCII; ".repeat(80_000);
        d.bytesValue = new byte[3 * 1024 * 1024];
        new Random(17).nextBytes(d.bytesValue);
        return d;
    }

    private static Outcome lobs(Mb m) throws Exception {
        m.tables().clear("mb_document");
        boolean pg = m.backend == Backend.POSTGRES;
        m.tx((s, x) -> {
            MbDocument empty = new MbDocument();
            empty.id = 2L;
            empty.textValue = "";
            empty.bytesValue = new byte[0];
            MbDocument nulls = new MbDocument();
            nulls.id = 3L;
            for (MbDocument d : List.of(bigDocument(1), empty, nulls)) {
                if (pg) {
                    x.insertDocument(d);
                } else {
                    x.insertLobDocument(d);
                }
            }
            return null;
        });
        return m.tx((s, x) -> {
            Outcome out = Outcome.columns("id", "text", "bytes");
            for (MbDocument d : pg ? x.documents() : x.lobDocuments()) {
                out.row(d.id, d.textValue, d.bytesValue);
            }
            return out;
        });
    }

    private static List<Date> utilDates() {
        return TimeValues.LOCAL_DATE_TIMES.stream()
                .map(t -> Date.from(t.atZone(ZoneId.systemDefault()).toInstant())).toList();
    }

    /**
     * One row per value with only {@code prop}'s column set; read back, the database's own
     * text of what it stored, and how many rows a parameter of the first value finds at or below it.
     */
    private static <T> Outcome time(Mb m, String prop, List<T> values, BiConsumer<MbMoment, T> setter) throws Exception {
        m.tables().clear("mb_moment");
        m.tx((s, x) -> {
            for (int i = 0; i < values.size(); i++) {
                MbMoment row = new MbMoment();
                row.id = i + 1L;
                setter.accept(row, values.get(i));
                x.insertMoment(prop, row);
            }
            return null;
        });
        Outcome out = Outcome.columns("row", "what", "value");
        m.tx((s, x) -> {
            for (MbMoment row : x.moments(Mapper.MomentSql.column(prop))) {
                out.row(row.id, "read", MbMoment.class.getField(prop).get(row));
            }
            MbMoment first = new MbMoment();
            setter.accept(first, values.get(0));
            out.row(0L, "rows <= row 1's value", x.countUpTo(prop, first));
            return null;
        });
        return m.tables().stored(out, "mb_moment", Mapper.MomentSql.column(prop), Function.identity()::apply);
    }

    private static Outcome literals(Mb m) throws Exception {
        String sql = "select timestamp '2024-02-29 08:00:00' as ts, time '08:00:00' as t, date '2024-02-29' as d,"
                + " timestamp '1850-06-15 12:00:00' as old_ts, date '1899-12-31' as old_d";
        if (m.backend == Backend.POSTGRES) {
            sql += ", timestamp with time zone '2024-02-29 08:00:00+05:30' as tstz, time with time zone '08:00:00+05:30' as ttz";
        }
        String query = sql;
        return m.tx((s, x) -> Outcome.columns("row").row(x.nativeQuery(query).get(0)));
    }

    private static Outcome arrays(Mb m) throws Exception {
        m.tables().clear("mb_tagged");
        m.tx((s, x) -> {
            MbTagged full = new MbTagged();
            full.id = 1L;
            full.numbers = new Integer[] {1, 2, 3, null};
            full.labels = new String[] {"a", "b,c", "\"quoted\"", "Grüße", null};
            MbTagged empty = new MbTagged();
            empty.id = 2L;
            empty.numbers = new Integer[0];
            empty.labels = new String[0];
            x.insertTagged(full);
            x.insertTagged(empty);
            return null;
        });
        Outcome out = Outcome.columns("row", "what", "value");
        m.tx((s, x) -> {
            for (MbTagged t : x.tagged()) {
                out.row(t.id, "numbers", t.numbers);
                out.row(t.id, "labels", t.labels);
            }
            return null;
        });
        return m.tables().stored(out, "mb_tagged", "labels", Function.identity()::apply);
    }

    private static Outcome cursor(Mb m) throws Exception {
        m.tables().clear("mb_order", "mb_item");
        m.tables().run("insert into mb_item(id, name, n) select g, concat('row-', g), mod(g * 7, 1000) from ("
                + m.backend.series(BULK_ROWS) + ") s");
        return m.tx((s, x) -> {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long count = 0;
            long total = 0;
            try (Cursor<MbItem> c = x.cursor()) {
                for (MbItem i : c) {
                    count++;
                    total += i.n;
                    md.update((i.id + ":" + i.n + ":" + i.name + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return Outcome.columns("rows", "sum of n", "digest").row(count, total,
                    HexFormat.of().formatHex(md.digest()).substring(0, 16));
        });
    }

    private static Outcome savepoints(Mb m) throws Exception {
        m.tables().clear("mb_order", "mb_item");
        Outcome out = Outcome.columns("what", "value");
        m.tx((s, x) -> {
            Connection c = s.getConnection();
            try (PreparedStatement ps = c.prepareStatement("insert into mb_item(id, name, n) values (?, ?, 0)")) {
                insert(ps, 1, "kept");
                Savepoint named = c.setSavepoint("before_two");
                out.row("named savepoint", named.getSavepointName());
                insert(ps, 2, "rolled back");
                Savepoint unnamed = c.setSavepoint();
                out.row("unnamed savepoint id", unnamed.getSavepointId());
                insert(ps, 3, "rolled back too");
                c.rollback(unnamed);
                c.rollback(named);
                insert(ps, 4, "after rollback");
            }
            return null;
        });
        return out.row("summary", m.tx((s, x) -> x.itemSummary()));
    }

    private static void insert(PreparedStatement ps, long id, String name) throws java.sql.SQLException {
        ps.setLong(1, id);
        ps.setString(2, name);
        ps.executeUpdate();
    }
}
