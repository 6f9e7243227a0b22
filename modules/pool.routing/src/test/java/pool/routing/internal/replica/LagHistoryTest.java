package pool.routing.internal.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Time is given, never slept. */
class LagHistoryTest {

    private static final long MS = 1_000_000L;

    private static Position lsn(long v) {
        return new Position.Lsn(v);
    }

    @Test
    void replicaThatHasEverythingHasNoLag() {
        LagHistory h = new LagHistory();
        h.add(lsn(10), 0);
        h.add(lsn(20), 1000 * MS);
        assertEquals(0, h.lagMillis(lsn(20), 5000 * MS));
    }

    @Test
    void lagIsTheAgeOfTheOldestPositionNotReplayed() {
        LagHistory h = new LagHistory();
        h.add(lsn(10), 0);
        h.add(lsn(20), 1000 * MS);
        h.add(lsn(30), 2000 * MS);
        assertEquals(4000, h.lagMillis(lsn(15), 5000 * MS), "behind since position 20 appeared at 1 s");
        assertEquals(5000, h.lagMillis(lsn(5), 5000 * MS));
    }

    @Test
    void aQuietPrimaryIsNotLag() {
        LagHistory h = new LagHistory();
        h.add(lsn(10), 0);
        for (long t = 1; t <= 3600; t++) {
            h.add(lsn(10), t * 1000 * MS); // the same position for an hour: kept once, with its first time
        }
        assertEquals(0, h.lagMillis(lsn(10), 3600_000 * MS));
        h.add(lsn(11), 3600_000 * MS);
        assertEquals(200, h.lagMillis(lsn(10), 3600_200 * MS), "one write 200 ms ago");
    }

    @Test
    void positionsEveryReplicaReachedAreForgottenButTheLast() {
        LagHistory h = new LagHistory();
        for (int i = 1; i <= 10; i++) {
            h.add(lsn(i), i * MS);
        }
        h.forgetReachedByAll(List.of(lsn(10), lsn(8)));
        assertEquals(100 - 9, h.lagMillis(lsn(8), 100 * MS), "9 is still kept");
        h.forgetReachedByAll(List.of(lsn(10)));
        assertTrue(!h.isEmpty());
        assertEquals(100 - 10, h.lagMillis(lsn(8), 100 * MS), "the last is always kept");
        assertEquals(0, h.lagMillis(lsn(10), 100 * MS));
    }

    @Test
    void historyIsBounded() {
        LagHistory h = new LagHistory();
        for (int i = 0; i < LagHistory.CAPACITY * 3; i++) {
            h.add(lsn(i + 1), i * MS);
        }
        // The oldest kept is CAPACITY samples back: a replica further behind shows that much lag.
        assertEquals(LagHistory.CAPACITY, h.lagMillis(lsn(0), LagHistory.CAPACITY * 3L * MS));
    }
}
