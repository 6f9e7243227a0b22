package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MariaDbDialectTest {

    private final MariaDbDialect maria = new MariaDbDialect();

    @Test
    void streamsInAutocommitButReadsOpenResultsBeforeTheNextStatement() {
        assertFalse(maria.streamsOnlyInTransaction());
        assertTrue(maria.readsOpenResultsBeforeNextStatement());
    }

    @Test
    void hasTheDriverReadOneRowAtATimeWhateverTheBatchButForCalls() {
        assertEquals(1, maria.driverFetchSize(1000, false));
        assertEquals(1, maria.driverFetchSize(1, false));
        assertEquals(1000, maria.driverFetchSize(1000, true), "a call's OUT parameters come as a result read whole");
        assertEquals(1000, GenericDialect.PLAIN.driverFetchSize(1000, false), "other drivers: the batch");
    }

    @Test
    void writesOffsetsInItsJvmZone() {
        assertTrue(maria.offsetsInJvmZone());
    }

    @Test
    void numbersUnnamedSavepointsFromOneAsConnectorJ() {
        assertEquals(1, maria.unnamedSavepointId(0, DialectTest.SEVEN));
        assertEquals(3, maria.unnamedSavepointId(2, DialectTest.SEVEN));
    }

    @Test
    void hasNoImplicitTransactionsToRewriteFor() {
        assertFalse(maria.streamableQuery("select 1"));
        assertFalse(maria.plainRead("select 1"));
        assertThrows(UnsupportedOperationException.class, () -> maria.readOnlyOnce("select 1"));
    }

    @Test
    void onlyReadsReadsTextAsMariaDbDoes() {
        assertTrue(maria.onlyReads("select id from t # delete from t"), "# starts a comment");
        assertFalse(maria.onlyReads("select @x"), "a user variable of the primary's session");
        assertFalse(maria.onlyReads("select next value for s"));
    }
}
