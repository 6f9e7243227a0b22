package pool.routing.internal.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pool.api.ReplicaStats;

class ReplicaChooserTest {

    private static ReplicaServer up(String name) {
        ReplicaServer r = new ReplicaServer(name, null);
        r.checked(ReplicaStats.State.UP, null, 0, new Position.Lsn(100), Instant.now());
        return r;
    }

    @Test
    void equalReplicasShareReadsEvenly() {
        List<ReplicaServer> rs = List.of(up("a"), up("b"), up("c"));
        ReplicaChooser chooser = new ReplicaChooser(rs);
        Map<String, Integer> picks = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            picks.merge(chooser.pick(null, List.of()).name(), 1, Integer::sum);
        }
        assertEquals(Map.of("a", 100, "b", 100, "c", 100), picks);
    }

    @Test
    void theLeastBusyReplicaIsPicked() {
        ReplicaServer a = up("a");
        ReplicaServer b = up("b");
        a.acquired();
        a.acquired();
        b.acquired();
        ReplicaChooser chooser = new ReplicaChooser(List.of(a, b));
        for (int i = 0; i < 10; i++) {
            assertSame(b, chooser.pick(null, List.of()));
        }
    }

    @Test
    void replicasThatTakeNoReadsAreSkipped() {
        ReplicaServer a = up("a");
        ReplicaServer b = up("b");
        b.checked(ReplicaStats.State.LAGGING, "lag", 5000, new Position.Lsn(1), Instant.now());
        ReplicaChooser chooser = new ReplicaChooser(List.of(a, b));
        for (int i = 0; i < 10; i++) {
            assertSame(a, chooser.pick(null, List.of()));
        }
        a.markDown("gone");
        assertNull(chooser.pick(null, List.of()));
    }

    @Test
    void aReplicaACheckFindsBehindWhereItWasIsNotTakenToHaveWhatItLost() {
        ReplicaServer a = up("a");
        ReplicaChooser chooser = new ReplicaChooser(List.of(a));
        assertSame(a, chooser.pick(new Position.Lsn(100), List.of()));
        // restarted after a crash, or rebuilt: its next check finds it replayed only to 60
        a.checked(ReplicaStats.State.UP, null, 0, new Position.Lsn(60), Instant.now());
        assertEquals(new Position.Lsn(60), a.position());
        assertNull(chooser.pick(new Position.Lsn(100), List.of()), "a session that wrote at 100 reads on the primary");
        a.advancedTo(new Position.Lsn(120)); // a reader asked it: it caught up
        assertSame(a, chooser.pick(new Position.Lsn(100), List.of()));
        a.advancedTo(new Position.Lsn(110)); // an older answer that arrives late changes nothing
        assertEquals(new Position.Lsn(120), a.position());
    }

    @Test
    void aSessionThatWroteGetsOnlyAReplicaKnownToHaveReplayedItsWrite() {
        ReplicaServer behind = new ReplicaServer("behind", null);
        behind.checked(ReplicaStats.State.UP, null, 10, new Position.Lsn(90), Instant.now());
        ReplicaServer ahead = up("ahead");
        ReplicaChooser chooser = new ReplicaChooser(List.of(behind, ahead));
        for (int i = 0; i < 10; i++) {
            assertSame(ahead, chooser.pick(new Position.Lsn(95), List.of()));
        }
        assertNull(chooser.pick(new Position.Lsn(101), List.of()));
    }

    @Test
    void theReplicaThatJustFailedIsNotPickedAgain() {
        ReplicaServer a = up("a");
        ReplicaServer b = up("b");
        ReplicaChooser chooser = new ReplicaChooser(List.of(a, b));
        for (int i = 0; i < 10; i++) {
            assertSame(b, chooser.pick(null, List.of(a)));
        }
    }
}
