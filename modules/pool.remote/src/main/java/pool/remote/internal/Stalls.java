package pool.remote.internal;

/**
 * Tells, at each run of a task repeated with a fixed delay (the lease reaper), how long the
 * daemon stood still since the last run: stopped (SIGSTOP), its VM suspended, or starved of
 * CPU. Time that passed while the daemon could not read its clients' renewals must not end
 * their leases. Used by the one thread that runs the task.
 */
public final class Stalls {

    private final long periodNanos;
    private long lastEndNanos;

    /**
     * @param periodNanos the delay between the end of a run and the start of the next
     * @param startNanos  when the first delay began
     */
    public Stalls(long periodNanos, long startNanos) {
        this.periodNanos = periodNanos;
        this.lastEndNanos = startNanos;
    }

    /**
     * @return how much later than scheduled a run starting at {@code nowNanos} comes, when that
     *         is a whole period or more (the task missed a run: a stall, not scheduling jitter); else 0
     */
    public long stoodStill(long nowNanos) {
        long late = nowNanos - lastEndNanos - periodNanos;
        return late >= periodNanos ? late : 0;
    }

    /** Notes the end of a run at {@code nowNanos}. */
    public void ran(long nowNanos) {
        lastEndNanos = nowNanos;
    }
}
