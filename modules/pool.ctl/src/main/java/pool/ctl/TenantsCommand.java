package pool.ctl;

import java.io.IOException;
import java.util.List;

/** {@code tenants POOL}: each tenant of a pool with tenancy (see {@link Tenants}). */
final class TenantsCommand implements Command {

    @Override public String name() { return "tenants"; }
    @Override public List<String> parameters() { return List.of("POOL"); }
    @Override public boolean changes() { return false; }

    @Override
    public String summary() {
        return "each tenant of a pool with tenancy: limits, active, waiting, borrows,\n"
                + "timeouts, rejections, wait p50/p95/p99";
    }

    @Override
    public int run(Session s, List<String> arguments) throws IOException {
        String pool = arguments.get(0);
        if (s.pool(pool) == null) {
            return Poolctl.REFUSED;
        }
        return Tenants.print(s.jmx(), pool, s.out(), s.json());
    }
}
