package pool.client;

import java.lang.ref.WeakReference;
import java.time.Duration;
import pool.testsupport.await.Await;

/** Waits for the garbage collector to take what nothing in the client may hold any more. */
public final class Gc {

    private Gc() {
    }

    /** Returns once {@code ref} is cleared, collecting as it waits; fails after a minute. */
    public static void awaitCollected(String what, WeakReference<?> ref) throws Exception {
        Await.until(what + " collected", Duration.ofSeconds(60), () -> {
            System.gc();
            return ref.get() == null;
        });
    }
}
