package pool.routing.internal.replica;

/**
 * The primary's positions as the background check saw them, with when: a replica's lag is
 * the age of the oldest position it has not replayed yet (zero when it has all). This works
 * the same for WAL locations and GTIDs and, unlike "now minus the last replayed commit's
 * time", does not count a quiet primary as lag. Exact to within one check interval.
 * Bounded: past {@link #CAPACITY} samples the oldest is dropped, so a replica behind by more
 * than that many intervals shows the lag of the oldest one kept (still far above any maxLag).
 * Used by the one check thread only.
 */
public final class LagHistory {

    static final int CAPACITY = 4096;

    private final Position[] positions = new Position[CAPACITY];
    private final long[] nanos = new long[CAPACITY];
    private int first;
    private int size;

    /** Records the primary at {@code position} at time {@code atNanos}; a position equal to the last is not kept twice. */
    public void add(Position position, long atNanos) {
        if (size > 0) {
            Position last = positions[(first + size - 1) % CAPACITY];
            if (last.reaches(position)) {
                return; // no newer than the last: its time stays the first time it was seen
            }
        }
        if (size == CAPACITY) {
            positions[first] = null;
            first = (first + 1) % CAPACITY;
            size--;
        }
        int at = (first + size) % CAPACITY;
        positions[at] = position;
        nanos[at] = atNanos;
        size++;
    }

    /** @return whether any primary position is known */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * @return how long ago, in milliseconds at {@code nowNanos}, the primary first reached a
     *         position {@code replica} has not, or 0 when it has them all
     */
    public long lagMillis(Position replica, long nowNanos) {
        for (int i = 0; i < size; i++) {
            int at = (first + i) % CAPACITY;
            if (!replica.reaches(positions[at])) {
                return Math.max(0, (nowNanos - nanos[at]) / 1_000_000);
            }
        }
        return 0;
    }

    /** Forgets the positions every one of {@code replicas} has reached, but the last. */
    public void forgetReachedByAll(Iterable<Position> replicas) {
        while (size > 1 && reachedByAll(replicas, positions[first])) {
            positions[first] = null;
            first = (first + 1) % CAPACITY;
            size--;
        }
    }

    private static boolean reachedByAll(Iterable<Position> replicas, Position p) {
        for (Position r : replicas) {
            if (r == null || !r.reaches(p)) {
                return false;
            }
        }
        return true;
    }
}
