package pool.engine.internal.bag;

import java.util.concurrent.atomic.AtomicInteger;

/** A bag item that counts its concurrent owners: more than one at a time is a bug. */
final class TestItem extends BagItem {
    final int id;
    final AtomicInteger owners = new AtomicInteger();

    TestItem(int id) {
        this.id = id;
    }

    void acquire() {
        int n = owners.incrementAndGet();
        if (n != 1) {
            throw new AssertionError("item " + id + " handed to " + n + " owners at once");
        }
    }

    void releaseOwnership() {
        owners.decrementAndGet();
    }

    @Override
    public String toString() {
        return "item" + id;
    }
}
