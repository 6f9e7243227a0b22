package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PendingReleasesTest {

    @Test
    void onlyTheFirstCloseStartsTheTicker() {
        PendingReleases p = new PendingReleases();
        assertTrue(p.add(1));
        assertFalse(p.add(2));
        assertArrayEquals(new long[] {1, 2}, p.drain(10));
        assertFalse(p.add(3), "the ticker still runs");
    }

    @Test
    void theTickerFlushesWhatWaitsAndStopsAfterAQuietSpell() {
        PendingReleases p = new PendingReleases();
        p.add(1);
        assertEquals(PendingReleases.Tick.FLUSH, p.tick());
        p.drain(10);
        for (int i = 1; i < PendingReleases.IDLE_TICKS; i++) {
            assertEquals(PendingReleases.Tick.WAIT, p.tick());
        }
        assertEquals(PendingReleases.Tick.STOP, p.tick());
        assertTrue(p.add(2), "stopped: the next close starts it again");
    }

    @Test
    void aCloseRestartsTheQuietSpell() {
        PendingReleases p = new PendingReleases();
        p.add(1);
        p.drain(10);
        for (int i = 1; i < PendingReleases.IDLE_TICKS; i++) {
            p.tick();
        }
        assertFalse(p.add(2));
        p.drain(10);
        assertEquals(PendingReleases.Tick.WAIT, p.tick());
    }

    @Test
    void drainTakesTheOldestFirstAndRestorePutsThemBackInFront() {
        PendingReleases p = new PendingReleases();
        for (long id = 1; id <= 40; id++) {
            p.add(id);
        }
        long[] first = p.drain(25);
        assertEquals(25, first.length);
        assertEquals(1, first[0]);
        p.add(41);
        p.restore(first);
        long[] all = p.drain(100);
        assertEquals(41, all.length);
        for (int i = 0; i < 41; i++) {
            assertEquals(i + 1, all[i]);
        }
        assertTrue(p.isEmpty());
        assertEquals(0, p.drain(5).length);
    }

    @Test
    void clearForgetsEverything() {
        PendingReleases p = new PendingReleases();
        p.add(7);
        p.clear();
        assertTrue(p.isEmpty());
    }
}
