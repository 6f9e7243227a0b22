package pool.ctl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pool.jmx.LeakSuspectRow;
import pool.jmx.PoolMXBean;

/** {@code leaks POOL}: the connections held longer than the leak threshold, with where they were borrowed. */
final class LeaksCommand implements Command {

    @Override public String name() { return "leaks"; }
    @Override public List<String> parameters() { return List.of("POOL"); }
    @Override public boolean changes() { return false; }

    @Override
    public String summary() {
        return "connections held longer than the leak threshold, with borrow stacks";
    }

    @Override
    public int run(Session s, List<String> arguments) throws IOException {
        String pool = arguments.get(0);
        PoolMXBean p = s.pool(pool);
        if (p == null) {
            return Poolctl.REFUSED;
        }
        List<LeakSuspectRow> suspects = p.leakSuspects();
        if (s.json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LeakSuspectRow r : suspects) {
                rows.add(Map.of("connection", r.connection(), "thread", r.thread(), "heldMillis", r.heldMillis(),
                        "borrowStack", r.borrowStack()));
            }
            s.out().println(Json.of(Map.of("pool", pool, "leaks", rows)));
        } else if (suspects.isEmpty()) {
            s.out().println(pool + ": no connection held longer than the leak threshold");
        } else {
            for (LeakSuspectRow r : suspects) {
                s.out().println("connection " + r.connection() + ", thread " + r.thread() + ", held " + r.heldMillis()
                        + " ms, borrowed at:");
                s.out().print(r.borrowStack().endsWith("\n") ? r.borrowStack() : r.borrowStack() + "\n");
            }
        }
        return Poolctl.OK;
    }
}
