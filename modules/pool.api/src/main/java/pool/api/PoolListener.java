package pool.api;

/**
 * Receives a pool's events. Register with {@link ConnectionPool#addListener(PoolListener)}.
 * A listener that throws is logged and keeps receiving later events.
 */
@FunctionalInterface
public interface PoolListener {
    void onEvent(PoolEvent event);
}
