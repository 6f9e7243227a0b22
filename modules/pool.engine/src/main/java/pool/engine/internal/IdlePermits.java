package pool.engine.internal;

import pool.api.spi.KeptPermits;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.bag.BagItem;
import pool.engine.internal.core.PoolEntry;

/**
 * The admission's view of the permits this pool's connections keep while idle. Taking them
 * reserves every idle connection for a moment (as the reaper does), so that no borrow takes
 * one whose permit is being taken; borrowers meanwhile find fewer idle and at worst queue briefly.
 */
final class IdlePermits implements KeptPermits {

    private final Bag<PoolEntry> bag;

    IdlePermits(Bag<PoolEntry> bag) {
        this.bag = bag;
    }

    @Override
    public void takeAll(Sink sink) {
        BagItem[] idle = new BagItem[bag.capacity()];
        int n = bag.reserveAllIdle(idle);
        try {
            for (int i = 0; i < n; i++) {
                PoolEntry e = (PoolEntry) idle[i];
                Object permit = e.takePermit();
                if (permit != null) {
                    sink.taken(permit, e.takePermitReuses());
                }
            }
        } finally {
            bag.restore(idle, 0, n);
        }
    }

    @Override
    public void forEach(Visitor visitor) {
        bag.forEach(e -> {
            Object permit = e.permitForFigures();
            if (permit != null) {
                // A reserved connection (the reaper's check, a take-back) is not borrowed: its permit is kept.
                visitor.visit(permit, e.keptReusesForFigures(), e.state() != BagItem.IN_USE);
            }
        });
    }
}
