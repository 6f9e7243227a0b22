package pool.tenancy.internal;

import java.util.ArrayDeque;

/**
 * One tenant's waiters: FIFO within a priority, and across priorities in order of virtual
 * arrival (arrival plus a head start given away per level below HIGH), so HIGH goes first
 * but LOW never starves. Guarded by the admission's lock.
 */
final class TenantQueue {

    @SuppressWarnings("unchecked")
    private final ArrayDeque<AdmissionWaiter>[] lanes = new ArrayDeque[] {
            new ArrayDeque<>(), new ArrayDeque<>(), new ArrayDeque<>()};
    private int size;

    void add(AdmissionWaiter w) {
        lanes[AdmissionWaiter.lane(w.priority)].addLast(w);
        w.queued = true;
        size++;
    }

    /** @return the next waiter to serve, still queued, or null when empty */
    AdmissionWaiter peek() {
        AdmissionWaiter best = null;
        for (ArrayDeque<AdmissionWaiter> lane : lanes) {
            AdmissionWaiter h = lane.peekFirst();
            if (h != null && (best == null || h.virtualArrival - best.virtualArrival < 0)) {
                best = h;
            }
        }
        return best;
    }

    void remove(AdmissionWaiter w) {
        if (w.queued) {
            ArrayDeque<AdmissionWaiter> lane = lanes[AdmissionWaiter.lane(w.priority)];
            if (lane.peekFirst() == w) {
                lane.pollFirst(); // the usual case: served or timed out at the head
            } else {
                lane.remove(w);
            }
            w.queued = false;
            size--;
        }
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Removes and returns every waiter (closing). */
    java.util.List<AdmissionWaiter> drain() {
        java.util.List<AdmissionWaiter> all = new java.util.ArrayList<>(size);
        for (ArrayDeque<AdmissionWaiter> lane : lanes) {
            for (AdmissionWaiter w; (w = lane.pollFirst()) != null; ) {
                w.queued = false;
                all.add(w);
            }
        }
        size = 0;
        return all;
    }
}
