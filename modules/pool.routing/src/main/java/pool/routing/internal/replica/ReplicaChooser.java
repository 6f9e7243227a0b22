package pool.routing.internal.replica;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the replica a read goes to: among the usable ones (and, for a session that must read
 * its own write, those known to have replayed it), the least busy, counted as the connections
 * logical connections hold on it now; ties go round robin from a rotating start.
 *
 * <p>Why least busy rather than plain round robin: a logical connection keeps its replica
 * connection for its borrow, so held connections are the load. A replica that slows down
 * (catching up after a pause, a smaller machine, a long query) keeps its connections longer
 * and gets fewer new readers, which round robin would not notice; equal replicas still
 * share evenly through the rotation.
 */
public final class ReplicaChooser {

    private final ReplicaServer[] replicas;
    private final AtomicInteger next = new AtomicInteger();

    public ReplicaChooser(List<ReplicaServer> replicas) {
        this.replicas = replicas.toArray(new ReplicaServer[0]);
    }

    /**
     * @param mustReach  a position the replica must have replayed (known from its last check), or null
     * @param passedOver replicas not to pick (asked already for this read)
     * @return the replica, or null when none is usable
     */
    public ReplicaServer pick(Position mustReach, List<ReplicaServer> passedOver) {
        return pick(mustReach, passedOver, true);
    }

    /**
     * @return whether some replica not in {@code passedOver} could take the read; unlike
     *         {@link #pick} it leaves the round robin where it is
     */
    public boolean anyLeft(Position mustReach, List<ReplicaServer> passedOver) {
        return pick(mustReach, passedOver, false) != null;
    }

    private ReplicaServer pick(Position mustReach, List<ReplicaServer> passedOver, boolean rotate) {
        int n = replicas.length;
        int start = Math.floorMod(rotate ? next.getAndIncrement() : next.get(), n);
        ReplicaServer best = null;
        int bestHeld = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            ReplicaServer r = replicas[(start + i) % n];
            if (!r.usable() || passedOver.contains(r)) {
                continue;
            }
            if (mustReach != null) {
                Position p = r.position();
                if (p == null || !p.reaches(mustReach)) {
                    continue;
                }
            }
            int held = r.held();
            if (held < bestHeld) {
                best = r;
                bestHeld = held;
            }
        }
        return best;
    }
}
