package pool.tenancy.internal;

import java.util.List;

/**
 * Which waiting tenant a freed connection goes to. Among tenants with a waiter and below
 * their max:
 * <ol>
 *   <li>a tenant below its min first: its reservation was lent out and is given back first;</li>
 *   <li>then the tenant furthest below its weighted fair share, i.e. holding the fewest
 *       connections per unit of weight ({@code active / weight}, compared by cross
 *       multiplication, no division);</li>
 *   <li>on a tie, the tenant whose next waiter arrived first (virtual arrival, so priorities
 *       and aging count across tenants too).</li>
 * </ol>
 * Within the tenant its own queue decides (priority, then FIFO).
 */
final class FairShare {

    private FairShare() {
    }

    /** @return the tenant to serve next, or null when no waiting tenant may take a connection */
    static TenantState pick(List<TenantState> waiting) {
        TenantState best = null;
        boolean bestBelowMin = false;
        long bestActive = 0;
        long bestWeight = 1;
        long bestArrival = 0;
        for (int i = 0, n = waiting.size(); i < n; i++) {
            TenantState t = waiting.get(i);
            AdmissionWaiter head = t.queue.peek();
            int active = t.active();
            var l = t.limits;
            if (head == null || active < 0 || active >= l.max()) {
                continue;
            }
            boolean belowMin = active < l.min();
            if (best != null) {
                if (bestBelowMin != belowMin) {
                    if (!belowMin) {
                        continue;
                    }
                } else {
                    long mine = (long) active * bestWeight;
                    long theirs = bestActive * l.weight();
                    if (mine > theirs || mine == theirs && head.virtualArrival - bestArrival >= 0) {
                        continue;
                    }
                }
            }
            best = t;
            bestBelowMin = belowMin;
            bestActive = active;
            bestWeight = l.weight();
            bestArrival = head.virtualArrival;
        }
        return best;
    }
}
