package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostgresDialectTest {

    private final PostgresDialect pg = new PostgresDialect();

    @Test
    void streamsOnlyInsideATransactionAndNeverReadsOpenResultsFirst() {
        assertTrue(pg.streamsOnlyInTransaction());
        assertFalse(pg.readsOpenResultsBeforeNextStatement());
        assertFalse(pg.offsetsInJvmZone());
    }

    @Test
    void streamsOnlyOneStatementThatReturnsRowsAndMayRunInATransactionBlock() {
        for (String sql : new String[] {"select 1", "SELECT 1;", " /* a /* nested */ comment */ -- and a line\n ((select 1))",
                "with x as (select 1) select * from x", "values (1)", "table t", "select ';' from t",
                "select $$;$$ from t", "insert into t values (1, 'a') returning id", "DELETE FROM t RETURNING *"}) {
            assertTrue(pg.streamableQuery(sql), sql);
        }
        for (String sql : new String[] {"vacuum t", "create index concurrently i on t(id)", "call p()",
                "do $$ begin commit; end $$", "begin", "commit", "insert into t values (1, 'a')",
                "update t set returning_soon = 1", "insert into t values ('returning')", "select 1; vacuum",
                "{call f()}", "", "  ", "select 'never ends", "select 1 /* never ends",
                "select E'\\'; vacuum; --' from t"}) {
            assertFalse(pg.streamableQuery(sql), sql);
        }
    }

    @Test
    void tellsPlainReadsByTheirTextAndLeavesFunctionsToTheReadOnlyRun() {
        for (String sql : new String[] {"select * from t where id = ?", "with a as (select 1) select * from a",
                "select updated_at, inserted_by from t", "select 'insert into' from t", "select my_function(id) from t",
                "select \"update\" from t -- for update"}) {
            assertTrue(pg.plainRead(sql), sql);
        }
        for (String sql : new String[] {"with a as (delete from t returning *) select * from a", "select * from t for update",
                "select * from t for no key update skip locked", "select * from t for key share", "select * into t2 from t",
                "update t set a = 1 returning a", "vacuum t"}) {
            assertFalse(pg.plainRead(sql), sql);
        }
    }

    @Test
    void runsAPlainReadReadOnlyOnceInOneRoundTrip() {
        assertEquals("BEGIN READ ONLY;select 1 -- one\n;COMMIT", pg.readOnlyOnce("select 1 -- one"));
        assertEquals("BEGIN READ ONLY;select 1\n;COMMIT", pg.readOnlyOnce("select 1 ;\n "));
    }

    @Test
    void onlyReadsIsTheRoutingClassifiersRead() {
        assertTrue(pg.onlyReads("select id from t where a = 1"));
        assertTrue(pg.onlyReads("explain select id from t"));
        assertFalse(pg.onlyReads("select my_function(id) from t"), "a function may write");
        assertFalse(pg.onlyReads("select nextval('s')"));
        assertFalse(pg.onlyReads("select * from t for share"));
        assertFalse(pg.onlyReads("select id from t # delete from t"), "# is an operator");
    }

    @Test
    void numbersUnnamedSavepointsFromZeroAsPgjdbc() {
        assertEquals(0, pg.unnamedSavepointId(0, DialectTest.SEVEN));
        assertEquals(2, pg.unnamedSavepointId(2, DialectTest.SEVEN));
    }

    @Test
    void namesSessionZonesAsPgjdbcNamesThem() {
        assertEquals("GMT-05:30", PostgresDialect.postgresZone("GMT+05:30"));
        assertEquals("GMT+02:00", PostgresDialect.postgresZone("GMT-02:00"));
        assertEquals("Europe/Paris", PostgresDialect.postgresZone("Europe/Paris"));
        assertEquals("GMT", PostgresDialect.postgresZone("GMT"));
    }
}
