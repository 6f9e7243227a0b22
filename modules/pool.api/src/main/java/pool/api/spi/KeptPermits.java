package pool.api.spi;

/**
 * The pool's side of permits kept on idle connections (see {@link BorrowAdmission#keep}): what
 * an admission needs to count exactly when it must, for example before it decides that a
 * tenant is at its max or that the pool is full. The pool hands it to its admission once,
 * through {@link BorrowAdmission#keptPermits}, before the first borrow. Thread-safe; neither
 * method calls back into the admission, so both may run under the admission's lock.
 */
public interface KeptPermits {

    /**
     * Takes the permit off every idle connection that keeps one and hands it to {@code sink}
     * with the borrows it served since it was counted (see {@link BorrowAdmission#reuse}). A
     * connection taken by a borrow meanwhile is not visited: that borrow takes its permit itself.
     */
    void takeAll(Sink sink);

    /**
     * Visits every permit a connection holds now, kept on an idle one or held by its borrow,
     * with the reuses not yet handed over. A snapshot only while nothing borrows or returns:
     * for figures, not for decisions.
     */
    void forEach(Visitor visitor);

    /** Receives permits taken off idle connections. */
    @FunctionalInterface
    interface Sink {
        /** @param reuses borrows the permit served beyond the one it was counted for, not yet reported */
        void taken(Object permit, long reuses);
    }

    /** Receives the permits connections hold. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param reuses borrows the permit served, not yet reported
         * @param idle   whether its connection is not borrowed (idle, or reserved for a check: the
         *               permit kept), rather than borrowed
         */
        void visit(Object permit, long reuses, boolean idle);
    }
}
