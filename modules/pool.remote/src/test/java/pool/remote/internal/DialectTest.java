package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.Savepoint;
import org.junit.jupiter.api.Test;

/** Each dialect on its own: what it is chosen for, and what it answers. */
class DialectTest {

    @Test
    void theDriverNameChoosesTheDialectOnce() {
        assertInstanceOf(PostgresDialect.class, Dialect.ofDriver("PostgreSQL JDBC Driver"));
        assertInstanceOf(MariaDbDialect.class, Dialect.ofDriver("MariaDB Connector/J"));
        assertSame(GenericDialect.READS_OPEN_RESULTS, Dialect.ofDriver("MySQL Connector/J"));
        assertSame(GenericDialect.PLAIN, Dialect.ofDriver("H2 JDBC Driver"));
        assertSame(GenericDialect.PLAIN, Dialect.ofDriver(null));
        assertNotSame(Dialect.ofDriver("PostgreSQL JDBC Driver"), Dialect.ofDriver("PostgreSQL JDBC Driver"),
                "one per pool");
    }

    @Test
    void onlyPostgresStreamsInTransactionsOnlyAndOnlyMariaDbAndMySqlReadOpenResultsFirst() {
        assertTrue(new PostgresDialect().streamsOnlyInTransaction());
        assertFalse(new PostgresDialect().readsOpenResultsBeforeNextStatement());
        assertFalse(new MariaDbDialect().streamsOnlyInTransaction());
        assertTrue(new MariaDbDialect().readsOpenResultsBeforeNextStatement());
        assertTrue(GenericDialect.READS_OPEN_RESULTS.readsOpenResultsBeforeNextStatement());
        assertFalse(GenericDialect.PLAIN.readsOpenResultsBeforeNextStatement());
        assertFalse(GenericDialect.PLAIN.streamsOnlyInTransaction());
    }

    @Test
    void onlyMariaDbWritesOffsetsInItsJvmZone() {
        assertTrue(new MariaDbDialect().offsetsInJvmZone());
        assertFalse(new PostgresDialect().offsetsInJvmZone());
        assertFalse(GenericDialect.PLAIN.offsetsInJvmZone());
    }

    @Test
    void unnamedSavepointsAreNumberedAsTheDriverNumbersThemOnAConnectionOfItsOwn() throws SQLException {
        Savepoint seven = new Savepoint() {
            @Override
            public int getSavepointId() {
                return 7;
            }

            @Override
            public String getSavepointName() {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals(0, new PostgresDialect().unnamedSavepointId(0, seven));
        assertEquals(2, new PostgresDialect().unnamedSavepointId(2, seven));
        assertEquals(1, new MariaDbDialect().unnamedSavepointId(0, seven));
        assertEquals(7, GenericDialect.PLAIN.unnamedSavepointId(0, seven));
    }

    @Test
    void postgresStreamsOnlyOneStatementThatReturnsRowsAndMayRunInATransactionBlock() {
        PostgresDialect pg = new PostgresDialect();
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
    void postgresToldPlainReadsByTheirTextThenReadOnlyMakesSure() {
        PostgresDialect pg = new PostgresDialect();
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
    void postgresRunsAPlainReadReadOnlyOnceInOneRoundTrip() {
        PostgresDialect pg = new PostgresDialect();
        assertEquals("BEGIN READ ONLY;select 1 -- one\n;COMMIT", pg.readOnlyOnce("select 1 -- one"));
        assertEquals("BEGIN READ ONLY;select 1\n;COMMIT", pg.readOnlyOnce("select 1 ;\n "));
        assertThrows(UnsupportedOperationException.class, () -> new MariaDbDialect().readOnlyOnce("select 1"));
        assertFalse(new MariaDbDialect().plainRead("select 1"), "only where transactions stream");
    }

    @Test
    void onlyReadsIsTheRoutingClassifiersReadOfEachDatabase() {
        assertTrue(new PostgresDialect().onlyReads("select id from t where a = 1"));
        assertTrue(new PostgresDialect().onlyReads("explain select id from t"));
        assertFalse(new PostgresDialect().onlyReads("select my_function(id) from t"), "a function may write");
        assertFalse(new PostgresDialect().onlyReads("select nextval('s')"));
        assertFalse(new PostgresDialect().onlyReads("select * from t for share"));
        assertTrue(new MariaDbDialect().onlyReads("select id from t # delete from t"));
        assertFalse(new PostgresDialect().onlyReads("select id from t # delete from t"), "# is an operator there");
        assertFalse(GenericDialect.PLAIN.onlyReads("select @x"));
    }

    @Test
    void postgresSessionZonesAreNamedAsPgjdbcNamesThem() {
        assertEquals("GMT-05:30", PostgresDialect.postgresZone("GMT+05:30"));
        assertEquals("GMT+02:00", PostgresDialect.postgresZone("GMT-02:00"));
        assertEquals("Europe/Paris", PostgresDialect.postgresZone("Europe/Paris"));
        assertEquals("GMT", PostgresDialect.postgresZone("GMT"));
    }
}
