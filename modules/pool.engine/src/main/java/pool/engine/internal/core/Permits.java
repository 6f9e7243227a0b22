package pool.engine.internal.core;

import pool.api.spi.BorrowAdmission;

/** How the engine gives an admission's permit back, wherever a borrow or a kept permit ends. */
public final class Permits {

    private Permits() {
    }

    /**
     * Reports the borrows {@code permit} served by being reused, if any, then gives it back.
     *
     * @param reuses the reuses the permit's connection counted and not yet reported
     */
    public static void giveBack(BorrowAdmission admission, Object permit, long reuses) {
        if (reuses != 0) {
            admission.counted(permit, reuses);
        }
        admission.release(permit);
    }
}
