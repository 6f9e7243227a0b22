package pool.daemon;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import pool.api.ConnectionPool;

/** Stands in for the RMI registry: what is published now, for whom, and what happened when. */
final class RecordingPublisher implements Publisher {
    final Map<String, ConnectionPool> pools = new ConcurrentHashMap<>();
    final Map<String, Map<String, String>> users = new ConcurrentHashMap<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    /** The drain timeout each name was last published or unpublished with. */
    final Map<String, java.time.Duration> drains = new ConcurrentHashMap<>();
    volatile Runnable onClose = () -> { };

    @Override
    public void publish(ConnectionPool pool, Map<String, String> u) {
        ConnectionPool old = pools.put(pool.name(), pool);
        users.put(pool.name(), Map.copyOf(u));
        events.add((old == null ? "publish " : old == pool ? "users " : "replace ") + pool.name());
    }

    @Override
    public void publish(ConnectionPool pool, Map<String, String> u, Map<String, Set<String>> tenants,
                        java.time.Duration drainTimeout) {
        drains.put(pool.name(), drainTimeout);
        publish(pool, u, tenants);
    }

    @Override
    public void unpublish(String name, java.time.Duration drainTimeout) {
        drains.put(name, drainTimeout);
        unpublish(name);
    }

    @Override
    public void unpublish(String name) {
        pools.remove(name);
        users.remove(name);
        events.add("unpublish " + name);
    }

    @Override
    public Set<String> published() {
        return Set.copyOf(pools.keySet());
    }

    @Override
    public void close() {
        onClose.run();
        pools.clear();
        events.add("close");
    }
}

