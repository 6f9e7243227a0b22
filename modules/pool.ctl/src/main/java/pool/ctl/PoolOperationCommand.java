package pool.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import pool.jmx.PoolMXBean;

/** A command that runs one operation of a pool's bean and says what it did: evict, suspend, resume, reclaim-leaks. */
final class PoolOperationCommand implements Command {

    /** The operation; returns the human report after the pool's name, and its JSON entries. */
    record Outcome(String human, Map<String, Object> json) {
    }

    static final Function<PoolMXBean, Outcome> RECLAIM = p -> {
        int n = p.reclaimLeaks();
        return new Outcome(n + " connection(s) reclaimed", Map.of("reclaimed", n));
    };
    static final Function<PoolMXBean, Outcome> EVICT = p -> {
        p.softEvict();
        return new Outcome("evicted", Map.of("done", "evicted"));
    };
    static final Function<PoolMXBean, Outcome> SUSPEND = p -> {
        p.suspend();
        return new Outcome("suspended", Map.of("done", "suspended"));
    };
    static final Function<PoolMXBean, Outcome> RESUME = p -> {
        p.resume();
        return new Outcome("resumed", Map.of("done", "resumed"));
    };

    private final String name;
    private final String summary;
    private final Function<PoolMXBean, Outcome> operation;

    PoolOperationCommand(String name, String summary, Function<PoolMXBean, Outcome> operation) {
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
        Outcome[] done = new Outcome[1];
        int code = s.refusable(() -> done[0] = operation.apply(p));
        if (code == Poolctl.OK) {
            Map<String, Object> json = new java.util.TreeMap<>(done[0].json());
            json.put("pool", pool);
            s.print(json, pool + ": " + done[0].human());
        }
        return code;
    }
}
