package pool.jmx;

/**
 * One row of {@link PoolMXBean#leakSuspects()}: a connection held longer than the leak
 * threshold. JMX clients see it as a {@code CompositeData} with these four items.
 *
 * @param connection  the pool's id of the connection
 * @param thread      the thread that borrowed it
 * @param heldMillis  how long it has been held, in milliseconds
 * @param borrowStack where it was borrowed, one frame per line, when the stack was captured
 */
public record LeakSuspectRow(long connection, String thread, long heldMillis, String borrowStack) {
}
