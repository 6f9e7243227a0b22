package pool.engine.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier's table: each statement with the route it must get. Columns: the route,
 * the server ({@code pg}, {@code maria}, or {@code both}), the SQL. The traps are the point:
 * writes hidden in WITH, locking reads, SELECT INTO, volatile functions, and words that
 * look like writes inside comments and literals. A backslash-escaped quote is read both ways
 * (the server's escaping depends on settings the text does not show), and one way the literal
 * never ends: unsure, so the primary.
 */
class ReadClassifierTest {

    static final String TABLE = """
            READ    | both  | SELECT id, name FROM orders WHERE id = ?
            READ    | both  | select * from t
            READ    | both  |   SELECT 1
            READ    | both  | (SELECT a FROM t) UNION (SELECT b FROM u)
            READ    | both  | SELECT count(*), max(total), coalesce(sum(x), 0) FROM orders GROUP BY customer HAVING count(*) > 1
            READ    | both  | SELECT * FROM t WHERE a IN (1, 2, 3) AND EXISTS (SELECT 1 FROM u WHERE u.id = t.id)
            READ    | both  | SELECT lower(name), upper(name), length(name), concat(a, b) FROM t
            READ    | both  | SELECT now(), current_date, date_trunc('day', created) FROM t
            READ    | both  | SELECT row_number() OVER (PARTITION BY a ORDER BY b) FROM t
            READ    | both  | SELECT CAST(x AS decimal(10, 2)) FROM t
            READ    | both  | SELECT * FROM t1 JOIN t2 USING (id) LEFT JOIN t3 ON (t3.id = t1.id)
            READ    | both  | WITH x AS (SELECT 1 AS a) SELECT a FROM x
            READ    | both  | WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT i FROM n
            READ    | both  | VALUES (1), (2)
            READ    | pg    | TABLE orders
            READ    | both  | SHOW transaction_isolation
            READ    | both  | SELECT 1;
            READ    | both  | SELECT 1; SELECT 2
            READ    | both  | /* update t set a = 1 */ SELECT 1
            READ    | both  | SELECT 1 -- delete from t
            READ    | both  | SELECT 'delete from t; insert into u values (1)' AS s
            READ    | both  | SELECT 'it''s' FROM t WHERE note = 'for update'
            READ    | both  | SELECT "update", "insert" FROM t
            READ    | maria | SELECT `delete` FROM t
            READ    | pg    | SELECT $$ insert into t values (1) $$
            READ    | pg    | SELECT $fn$ update t set a = 1 $fn$ AS body
            READ    | pg    | SELECT 1 /* outer /* nested delete */ still a comment update */
            READ    | maria | SELECT 1 # delete from t
            READ    | both  | SELECT pg_is_in_recovery()
            READ    | maria | SELECT @@server_id
            READ    | maria | SELECT @@gtid_slave_pos, @@global.read_only
            READ    | both  | SELECT * FROM t WHERE a = ? FOR READ ONLY
            READ    | pg    | SELECT x::numeric(10, 2), y::text FROM t
            READ    | pg    | SELECT * FROM generate_series(1, 10) AS g(i)
            READ    | pg    | SELECT jsonb_build_object('a', 1) -> 'a'
            READ    | pg    | BEGIN READ ONLY; SELECT * FROM t; COMMIT
            READ    | both  | START TRANSACTION READ ONLY; SELECT 1; COMMIT
            READ    | pg    | BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY, NOT DEFERRABLE; SELECT 1; END
            READ    | maria | START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY; SELECT 1; COMMIT WORK
            READ    | both  | BEGIN; SELECT 1; COMMIT AND NO CHAIN
            READ    | pg    | BEGIN; SAVEPOINT a; SELECT 1; ROLLBACK TO SAVEPOINT a; COMMIT
            WRITE   | pg    | BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT * FROM t; COMMIT
            WRITE   | pg    | BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY, DEFERRABLE; SELECT 1; END
            WRITE   | both  | START TRANSACTION READ WRITE; SELECT 1; COMMIT
            SESSION | maria | BEGIN; SELECT 1; COMMIT RELEASE
            SESSION | both  | BEGIN; SELECT 1; COMMIT AND CHAIN
            SESSION | both  | BEGIN; SAVEPOINT a; SELECT 1; ROLLBACK WORK TO SAVEPOINT a
            READ    | both  | SELECT replace(name, 'a', 'b') FROM t
            READ    | both  | SELECT greatest(a, b), least(a, b), abs(c), round(d, 2) FROM t
            READ    | both  | SELECT * FROM t WHERE name LIKE 'insert%'
            READ    | both  | SELECT * FROM t ORDER BY a LIMIT 10 OFFSET 20
            READ    | maria | SELECT IF(a > 1, 'x', 'y'), IFNULL(b, 0) FROM t
            READ    | pg    | SELECT e ->> 'id' FROM t, jsonb_array_elements(t.doc -> 'items') AS e
            READ    | pg    | SELECT string_to_table(tags, ','), regexp_count(body, 'x'), date_bin('15 minutes', at, now()) FROM t
            READ    | maria | SELECT SUBSTRING_INDEX(email, '@', -1), CONVERT_TZ(at, '+00:00', '+05:30'), UUID() FROM t
            READ    | maria | SELECT DAYNAME(at), MONTHNAME(at), JSON_SEARCH(doc, 'one', 'x'), MEDIAN(v) OVER () FROM t
            WRITE   | both  | INSERT INTO t (a) VALUES (1)
            WRITE   | both  | insert into t values (1) returning id
            WRITE   | both  | UPDATE t SET a = 1 WHERE id = 2
            WRITE   | both  | DELETE FROM t WHERE id = 3
            WRITE   | pg    | MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a
            WRITE   | maria | REPLACE INTO t VALUES (1)
            WRITE   | both  | TRUNCATE t
            WRITE   | pg    | WITH d AS (DELETE FROM t WHERE a < 0 RETURNING *) SELECT count(*) FROM d
            WRITE   | pg    | WITH i AS (INSERT INTO t VALUES (1) RETURNING id) SELECT id FROM i
            WRITE   | pg    | WITH u AS (UPDATE t SET a = 2 RETURNING a) SELECT * FROM u
            WRITE   | both  | SELECT * FROM t WHERE id = 1 FOR UPDATE
            WRITE   | both  | select * from t for update skip locked
            WRITE   | pg    | SELECT * FROM t FOR NO KEY UPDATE
            WRITE   | both  | SELECT * FROM t FOR SHARE
            WRITE   | pg    | SELECT * FROM t FOR KEY SHARE NOWAIT
            WRITE   | maria | SELECT * FROM t WHERE id = 1 LOCK IN SHARE MODE
            WRITE   | pg    | SELECT * INTO archive FROM t
            WRITE   | maria | SELECT a FROM t INTO OUTFILE '/tmp/x'
            WRITE   | pg    | SELECT currval('orders_id_seq')
            WRITE   | pg    | SELECT lastval()
            WRITE   | pg    | SELECT pg_advisory_xact_lock(42)
            WRITE   | pg    | SELECT txid_current()
            WRITE   | pg    | SELECT pg_notify('jobs', 'x')
            WRITE   | both  | SELECT my_function(1)
            WRITE   | pg    | SELECT app.refresh_totals()
            WRITE   | pg    | SELECT "MyFunction"(1)
            WRITE   | maria | SELECT LAST_INSERT_ID()
            WRITE   | maria | SELECT FOUND_ROWS()
            WRITE   | maria | SELECT @x
            WRITE   | maria | SELECT @@identity
            WRITE   | maria | SELECT @@IDENTITY, @@session.last_insert_id
            WRITE   | maria | SELECT @@local.insert_id
            WRITE   | maria | SELECT @@warning_count, @@error_count
            WRITE   | maria | SELECT @@last_gtid
            WRITE   | maria | SHOW WARNINGS
            WRITE   | maria | SHOW COUNT(*) ERRORS
            WRITE   | maria | SHOW PROFILES
            READ    | maria | SELECT @@version, @@hostname
            READ    | maria | SHOW TABLES
            WRITE   | pg    | NOTIFY jobs
            WRITE   | both  | DECLARE c CURSOR FOR SELECT 1
            WRITE   | pg    | FETCH 10 FROM c
            WRITE   | both  | COMMIT
            WRITE   | both  | SELECT 1; DELETE FROM t
            WRITE   | pg    | BEGIN; INSERT INTO t VALUES (1); COMMIT
            WRITE   | pg    | SELECT 1 # delete from t
            SESSION | both  | ANALYZE t
            SESSION | pg    | SELECT E'it\\'s delete' FROM t
            SESSION | maria | SELECT 'it\\'s delete' FROM t
            SESSION | both  | SET search_path = app
            SESSION | pg    | SET LOCAL statement_timeout = 1000
            SESSION | maria | SET @x = 1
            SESSION | maria | SET NAMES utf8mb4
            SESSION | both  | CALL refresh()
            SESSION | both  | {call refresh(?)}
            SESSION | pg    | DO $$ BEGIN PERFORM 1; END $$
            SESSION | pg    | LOCK TABLE t IN ACCESS EXCLUSIVE MODE
            SESSION | maria | LOCK TABLES t WRITE
            SESSION | pg    | CREATE TEMP TABLE x (a int)
            SESSION | maria | CREATE TEMPORARY TABLE x (a int)
            SESSION | pg    | SELECT * INTO TEMP x FROM t
            SESSION | pg    | SELECT nextval('orders_id_seq')
            SESSION | pg    | SELECT setval('orders_id_seq', 100)
            SESSION | maria | SELECT NEXT VALUE FOR s
            SESSION | maria | SELECT NEXTVAL(s)
            SESSION | pg    | SELECT pg_advisory_lock(1)
            SESSION | pg    | SELECT pg_try_advisory_lock(1)
            SESSION | pg    | SELECT set_config('search_path', 'app', false)
            SESSION | maria | SELECT GET_LOCK('job', 10)
            SESSION | maria | SELECT a INTO @x FROM t
            SESSION | maria | SELECT @x := 1
            SESSION | maria | SELECT SQL_CALC_FOUND_ROWS * FROM t LIMIT 10
            READ    | maria | SELECT SQL_NO_CACHE * FROM t
            SESSION | maria | SELECT /*!50000 1 */
            SESSION | both  | SELECT 'never ends
            SESSION | pg    | SELECT 1 /* never ends
            SESSION | both  | BEGIN
            SESSION | both  | START TRANSACTION
            SESSION | pg    | PREPARE p AS SELECT 1
            SESSION | pg    | LISTEN jobs
            SESSION | pg    | DISCARD ALL
            SESSION | maria | USE other
            SESSION | both  | CREATE TABLE t (a int)
            READ    | both  | EXPLAIN SELECT * FROM t
            READ    | pg    | EXPLAIN (COSTS OFF, FORMAT JSON) SELECT * FROM t WHERE a = 1
            READ    | pg    | EXPLAIN VERBOSE SELECT * FROM t
            READ    | both  | EXPLAIN DELETE FROM t WHERE a = 1
            READ    | pg    | EXPLAIN INSERT INTO t SELECT nextval('s')
            READ    | pg    | EXPLAIN (ANALYZE false) UPDATE t SET a = 1
            READ    | pg    | EXPLAIN (ANALYZE 0, BUFFERS) DELETE FROM t
            READ    | pg    | EXPLAIN ANALYZE SELECT count(*) FROM t
            READ    | pg    | EXPLAIN ANALYSE SELECT count(*) FROM t
            READ    | pg    | EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT * FROM t
            READ    | pg    | EXPLAIN (ANALYZE on) SELECT 1
            READ    | maria | EXPLAIN EXTENDED SELECT * FROM t
            READ    | maria | EXPLAIN FORMAT=JSON SELECT * FROM t
            READ    | maria | ANALYZE SELECT * FROM t
            READ    | maria | ANALYZE FORMAT=JSON SELECT * FROM t WHERE a = 1
            READ    | pg    | /* plan */ EXPLAIN SELECT 1
            WRITE   | pg    | EXPLAIN ANALYZE DELETE FROM t
            WRITE   | pg    | EXPLAIN (ANALYZE) INSERT INTO t VALUES (1)
            WRITE   | pg    | EXPLAIN (ANALYZE true, COSTS off) UPDATE t SET a = 1
            WRITE   | maria | ANALYZE DELETE FROM t
            WRITE   | pg    | EXPLAIN ANALYZE SELECT my_function(a) FROM t
            WRITE   | pg    | EXPLAIN ANALYZE SELECT * FROM t FOR UPDATE
            WRITE   | both  | EXPLAIN SELECT 1; DELETE FROM t
            SESSION | pg    | EXPLAIN ANALYZE SELECT nextval('s')
            SESSION | pg    | EXPLAIN ANALYZE SELECT * INTO TEMP x FROM t
            SESSION | pg    | EXPLAIN EXECUTE p
            SESSION | pg    | EXPLAIN (ANALYZE 'on') SELECT 1
            SESSION | pg    | EXPLAIN SELECT 1; SET search_path = x
            SESSION | maria | ANALYZE TABLE t
            SESSION | pg    | SELECT 1; SET search_path = x
            SESSION | pg    | SELECT * FROM t WHERE a = 'x'; BEGIN
            """;

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] cols = line.split("\\|", 3);
            Route route = Route.valueOf(cols[0].strip());
            String server = cols[1].strip();
            String sql = cols[2].strip().replace("\\\\", "\\");
            if (!server.equals("maria")) {
                rows.add(Arguments.of(route, "PostgreSQL", sql));
            }
            if (!server.equals("pg")) {
                rows.add(Arguments.of(route, "MariaDB", sql));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{1}: {2} -> {0}")
    @MethodSource("table")
    void routesEachStatementAsTheTableSays(Route expected, String server, String sql) {
        ReadClassifier c = server.equals("PostgreSQL") ? ReadClassifier.POSTGRES : ReadClassifier.MARIADB;
        assertEquals(expected, c.route(sql), sql);
    }

    @Test
    void tableHoldsAtLeastEightyStatements() {
        assertTrue(TABLE.strip().split("\n").length >= 80);
    }

    @ParameterizedTest(name = "{1}: {2} -> {0}")
    @MethodSource("table")
    void serverOfUnknownReadingsIsNeverFreerThanAKnownOne(Route expected, String server, String sql) {
        Route any = ReadClassifier.ANY.route(sql);
        assertTrue(any.ordinal() >= Route.READ.ordinal() && (expected != Route.SESSION || any == Route.SESSION),
                sql + " -> " + any);
    }
}
