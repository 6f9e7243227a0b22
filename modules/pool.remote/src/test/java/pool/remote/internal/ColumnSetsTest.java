package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pool.protocol.Column;

class ColumnSetsTest {

    private static Column column(String label, int precision) {
        return new Column(label, label, Types.VARCHAR, "varchar", "java.lang.String", precision, 0, 1, false, false, true,
                false, true, false, true, false, precision, "t", "public", "");
    }

    private final ColumnSets sets = new ColumnSets();

    @Test
    void theSameColumnsOfTheSameStatementKeepTheirId() {
        long id = sets.id("select a from t", List.of(column("a", 10)));
        assertNotEquals(0, id);
        assertEquals(id, sets.id("select a from t", List.of(column("a", 10))));
    }

    @Test
    void changedColumnsGetANewIdNeverAnOldOne() {
        Set<Long> seen = new HashSet<>();
        long first = sets.id("select * from t", List.of(column("a", 10)));
        long wider = sets.id("select * from t", List.of(column("a", 20)));
        long more = sets.id("select * from t", List.of(column("a", 20), column("b", 5)));
        long back = sets.id("select * from t", List.of(column("a", 10)));
        for (long id : new long[] {first, wider, more, back}) {
            assertTrue(seen.add(id), "ids are never reused: " + id);
        }
    }

    @Test
    void idsBelongToOneStatementText() {
        List<Column> columns = List.of(column("a", 10));
        assertNotEquals(sets.id("select a from t", columns), sets.id("select a from t ", columns));
    }

    @Test
    void longStatementsAreNotRemembered() {
        assertEquals(0, sets.id("x".repeat(ColumnSets.MAX_SQL + 1), List.of(column("a", 1))));
        assertEquals(0, sets.size());
    }

    @Test
    void theTableIsBounded() {
        for (int i = 0; i < ColumnSets.MAX_ENTRIES * 2 + 5; i++) {
            sets.id("select " + i, List.of(column("a", 1)));
        }
        assertTrue(sets.size() <= ColumnSets.MAX_ENTRIES, "size " + sets.size());
    }

    @Test
    void twoEndpointsDoNotShareIds() {
        long a = sets.id("select 1", List.of(column("a", 1)));
        long b = new ColumnSets().id("select 1", List.of(column("a", 1)));
        assertNotEquals(a, b, "random starting points: an id from a replaced endpoint names nothing in its successor");
    }
}
