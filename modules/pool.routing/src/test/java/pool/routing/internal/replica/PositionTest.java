package pool.routing.internal.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void lsnParsesBothHalvesAndOrdersUnsigned() {
        assertEquals(new Position.Lsn(0x1_0000_0060L), Position.Lsn.parse("1/60"));
        assertTrue(Position.Lsn.parse("1/60").reaches(Position.Lsn.parse("0/FFFFFFFF")));
        assertFalse(Position.Lsn.parse("0/3000060").reaches(Position.Lsn.parse("0/3000061")));
        assertTrue(Position.Lsn.parse("FFFFFFFF/0").reaches(Position.Lsn.parse("1/0")), "unsigned");
    }

    @Test
    void gtidsReachWhenEveryDomainOfTheTargetIsReached() {
        Position.Gtids primary = Position.Gtids.parse("0-1-42,1-2-7");
        assertTrue(Position.Gtids.parse("1-2-7,0-1-42").reaches(primary));
        assertTrue(Position.Gtids.parse("0-1-50,1-2-9,2-3-1").reaches(primary));
        assertFalse(Position.Gtids.parse("0-1-41,1-2-7").reaches(primary));
        assertFalse(Position.Gtids.parse("0-1-42").reaches(primary), "a domain it has not seen");
    }

    @Test
    void serverIdDoesNotMatterForOrder() {
        assertTrue(Position.Gtids.parse("0-2-43").reaches(Position.Gtids.parse("0-1-42")));
    }

    @Test
    void emptyPositionIsReachedByAnyAndReachesOnlyEmpty() {
        Position.Gtids empty = Position.Gtids.parse("");
        assertTrue(Position.Gtids.parse("0-1-1").reaches(empty));
        assertTrue(empty.reaches(empty));
        assertFalse(empty.reaches(Position.Gtids.parse("0-1-1")));
    }

    @Test
    void positionsOfDifferentDatabasesNeverReachEachOther() {
        assertFalse(Position.Lsn.parse("1/0").reaches(Position.Gtids.parse("")));
        assertFalse(Position.Gtids.parse("0-1-1").reaches(Position.Lsn.parse("0/0")));
    }
}
