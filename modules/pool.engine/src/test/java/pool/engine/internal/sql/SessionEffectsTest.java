package pool.engine.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionEffectsTest {

    private static final int SESSION = SessionEffects.SESSION;
    private static final int TRANSACTION = SessionEffects.TRANSACTION;

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT id FROM orders WHERE id = ?",
        "select * from t where name = 'SET search_path = x'",
        "INSERT INTO t (a) VALUES (1) RETURNING id",
        "UPDATE t SET a = 1 WHERE b = 2",
        "DELETE FROM t",
        "WITH x AS (SELECT 1) SELECT * FROM x",
        "VALUES (1), (2)",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a",
        "REPLACE INTO t VALUES (1)",
        "TABLE t",
        "SHOW transaction_isolation",
        "(SELECT 1) UNION (SELECT 2)",
        "SELECT 1; SELECT 2;",
        "/* set x */ SELECT 1 -- SET y",
        "SELECT pg_advisory_xact_lock(1)",
        "SELECT \"set\" FROM t",
        "SELECT @x, @@session.sql_mode",
        "SELECT 1 FOR UPDATE",
        "DECLARE c CURSOR FOR SELECT 1",
        "FETCH 10 FROM c",
        "TRUNCATE t",
        "NOTIFY jobs",
        "",
        ";",
        "select a$b, $1 from t",
        "SELECT $$SET x$$",
        "SELECT 'a\\\\b' FROM t WHERE b = 'c'",
    })
    void plainReadsAndDataChangesLeaveTheSessionAlone(String sql) {
        assertEquals(0, SessionEffects.of(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SET search_path = evil",
        "set statement_timeout = 1",
        "SET application_name = 'x'",
        "SET ROLE admin",
        "SET SESSION AUTHORIZATION other",
        "RESET ALL",
        "CREATE TEMP TABLE t (a int)",
        "CREATE TEMPORARY TABLE t (a int)",
        "CREATE LOCAL TEMPORARY TABLE t (a int)",
        "PREPARE p AS SELECT 1",
        "DEALLOCATE p",
        "LISTEN ch",
        "UNLISTEN *",
        "DECLARE c CURSOR WITH HOLD FOR SELECT 1",
        "DISCARD ALL",
        "DO $$ BEGIN PERFORM 1; END $$",
        "CALL p()",
        "{call p(?)}",
        "LOCK TABLE t",
        "LOCK TABLES t WRITE",
        "USE other",
        "LOAD 'auto_explain'",
        "CREATE TABLE t (a int)",
        "EXPLAIN ANALYZE SELECT 1",
        "SELECT set_config('search_path', 'evil', false)",
        "SELECT pg_catalog.set_config('a.b', 'c', false)",
        "SELECT \"set_config\"('a.b', 'c', false)",
        "SELECT * FROM set_config ('a', 'b', false)",
        "SELECT pg_advisory_lock(1)",
        "SELECT pg_try_advisory_lock_shared(1, 2)",
        "SELECT pg_advisory_unlock_all()",
        "SELECT setseed(0.5)",
        "SELECT GET_LOCK('a', 1)",
        "SELECT `get_lock`('a', 1)",
        "SELECT @x := 1",
        "SELECT @x:=1",
        "SELECT a INTO @x FROM t",
        "SELECT SET(@x, 1)",
        "SET @x = 1",
        "SET AUTOCOMMIT FALSE",
        "SET SCHEMA other",
        "SELECT * INTO TEMP t FROM s",
        "CREATE TABLE pg_temp.t (a int)",
        "SELECT * INTO \"pg_temp_3\".t FROM s",
        "SELECT U&\"\\0073et_config\"('a', 'b', false)",
        "SELECT 1; SET search_path = evil",
        "BEGIN NOT ATOMIC SET @x = 1; END",
        "START SLAVE",
        "SELECT 'unterminated",
        "SELECT 1 /*! SET @x = 1 */",
        "SELECT 1 /*M!100000 SET @x = 1 */",
        "@x",
        "XA START 'x'",
    })
    void statementsThatMayChangeTheSessionAreFound(String sql) {
        assertEquals(SESSION, SessionEffects.of(sql) & SESSION, sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "BEGIN",
        "BEGIN READ ONLY",
        "START TRANSACTION",
        "COMMIT",
        "ROLLBACK",
        "END",
        "ABORT",
        "SAVEPOINT a",
        "RELEASE SAVEPOINT a",
        "BEGIN READ ONLY;\nSELECT 1\n;COMMIT",
        "BEGIN READ ONLY;SELECT 1\n;COMMIT",
    })
    void transactionControlIsNotASessionChange(String sql) {
        assertEquals(TRANSACTION, SessionEffects.of(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // MariaDB reads a backslash as an escape: the SET is outside the literal.
        "SELECT 'a\\'; SET @x = 1; SELECT '",
        // MariaDB with NO_BACKSLASH_ESCAPES (or PostgreSQL) ends the literal at the backslash.
        "SELECT 'x\\'; SET @x = 1; -- '",
        // MariaDB: $$ is a word, the SET a statement; PostgreSQL: one literal.
        "SELECT $$; SET @x = 1; $$",
        // MariaDB: # comments out the quote that would hide the SET from PostgreSQL's reading.
        "SELECT 1 # '\nSET @x = 1; SELECT '",
        // MariaDB: a comment ends at the first */; PostgreSQL's nest.
        "/* /* */ SET @x = 1; /* */",
        // MariaDB: --x is two minus signs, not a comment.
        "SELECT 1 --x; SET @y = 2",
    })
    void textCraftedToHideAStatementFromOneReadingIsCaughtByAnother(String sql) {
        assertEquals(SESSION, SessionEffects.of(sql) & SESSION, sql);
    }
}
