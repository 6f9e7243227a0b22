package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class GenericDialectTest {

    @Test
    void runsStatementsAndValuesAsTheyAre() throws SQLException {
        GenericDialect d = GenericDialect.PLAIN;
        assertFalse(d.streamsOnlyInTransaction());
        assertFalse(d.readsOpenResultsBeforeNextStatement());
        assertFalse(d.offsetsInJvmZone());
        assertFalse(d.streamableQuery("select 1"));
        assertEquals(7, d.unnamedSavepointId(0, DialectTest.SEVEN), "the driver's own id");
    }

    @Test
    void mySqlsDriverReadsOpenResultsBeforeTheNextStatement() {
        assertTrue(GenericDialect.READS_OPEN_RESULTS.readsOpenResultsBeforeNextStatement());
        assertFalse(GenericDialect.READS_OPEN_RESULTS.offsetsInJvmZone());
    }

    @Test
    void onlyReadsTriesEveryReadingOfAnUnknownServer() {
        assertTrue(GenericDialect.PLAIN.onlyReads("select id from t where a = 1"));
        assertFalse(GenericDialect.PLAIN.onlyReads("select id from t # delete from t"), "read both ways");
        assertFalse(GenericDialect.PLAIN.onlyReads("select @x"));
    }
}
