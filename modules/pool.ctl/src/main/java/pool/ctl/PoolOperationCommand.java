package pool.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pool.jmx.PoolMXBean;

/** A command that runs one operation of a pool's bean and says what it did: evict, suspend, resume, reclaim-leaks. */
final class PoolOperationCommand implements Command {

    /** What an operation did: the report after the pool's name, and the same as JSON entries. */
    record Outcome(String human, Map<String, Object> json) {
    }

    /** One operation on a pool's bean. */
    @FunctionalInterface
    interface Operation {
        Outcome on(PoolMXBean pool);
    }

    static final Operation RECLAIM = p -> {
        int n = p.reclaimLeaks();
        return new Outcome(n + " connection(s) reclaimed", Map.of("reclaimed", n));
    };
    static final Operation EVICT = p -> done(p::softEvict, "evicted");
    static final Operation SUSPEND = p -> done(p::suspend, "suspended");
    static final Operation RESUME = p -> done(p::resume, "resumed");

    private static Outcome done(Runnable action, String what) {
        action.run();
        return new Outcome(what, Map.of("done", what));
    }

    private final String name;
    private final String summary;
    private final Operation operation;

    PoolOperationCommand(String name, String summary, Operation operation) {
        this.name = name;
        this.summary = summary;
        this.operation = operation;
    }

    @Override public String name() { return name; }
    @Override public List<String> parameters() { return List.of("POOL"); }
    @Override public String summary() { return summary; }
    @Override public boolean changes() { return true; }

    @Override
    public int run(Session s, List<String> arguments) throws IOException {
        String pool = arguments.get(0);
        PoolMXBean p = s.pool(pool);
        if (p == null) {
            return Poolctl.REFUSED;
        }
        Outcome done;
        try {
            done = operation.on(p);
        } catch (SecurityException e) {
            throw e;
        } catch (RuntimeException e) {
            return s.refused(e);
        }
        Map<String, Object> json = new TreeMap<>(done.json());
        json.put("pool", pool);
        s.print(json, pool + ": " + done.human());
        return Poolctl.OK;
    }
}
