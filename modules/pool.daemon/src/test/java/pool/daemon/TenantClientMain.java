package pool.daemon;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.sql.DataSource;

/**
 * An application server of one tenant, in its own JVM (started by {@link TenancyPostgresIT}):
 * {@code PORT POOL USER TENANT THREADS SECONDS [OTHER_TENANT]}. It looks the pool up through
 * JNDI with {@code poold.tenant}, first (with OTHER_TENANT) tries to claim another tenant and
 * prints {@code CLAIM sqlstate}, then runs THREADS threads that borrow, hold the connection
 * for one 10 ms query and return it, for SECONDS; and prints
 * {@code MAXHELD n BORROWS k P99US w ERRORS e}. MAXHELD is counted by the database: each
 * query, marked with the tenant's name, counts the tenant's queries running at that moment
 * in {@code pg_stat_activity}; a remote connection runs a query only on a daemon connection
 * borrowed for it, so that count is a lower bound of the daemon connections the tenant holds.
 * BORROWS and the waits are those of {@code getConnection} plus the first query (a remote
 * connection borrows with its first call).
 * Password from {@code POOLD_TEST_PASSWORD}.
 */
public final class TenantClientMain {

    private TenantClientMain() {
    }

    static DataSource lookup(String port, String pool, String user, String tenant) throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        env.put(Context.PROVIDER_URL, "poold://127.0.0.1:" + port);
        env.put(Context.SECURITY_PRINCIPAL, user);
        env.put(Context.SECURITY_CREDENTIALS, System.getenv("POOLD_TEST_PASSWORD"));
        env.put("poold.tenant", tenant);
        return (DataSource) new InitialContext(env).lookup(pool);
    }

    public static void main(String[] args) throws Exception {
        String port = args[0];
        String pool = args[1];
        String user = args[2];
        String tenant = args[3];
        int threads = Integer.parseInt(args[4]);
        long seconds = Long.parseLong(args[5]);
        if (args.length > 6) {
            try (Connection c = lookup(port, pool, user, args[6]).getConnection()) {
                System.out.println("CLAIM accepted");
            } catch (SQLException e) {
                System.out.println("CLAIM " + e.getSQLState() + " " + e.getMessage());
            }
        }
        DataSource ds = lookup(port, pool, user, tenant);
        try (Connection warm = ds.getConnection()) {
            warm.isValid(5);
        }
        System.out.println("READY");
        String marker = "tenant:" + tenant;
        String sql = "select (select count(*) from pg_stat_activity where state = 'active' and query like '%"
                + marker + "%'), pg_sleep(0.01)";
        AtomicInteger maxHeld = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery(sql)) {
                        rs.next();
                        // the query's own time (10 ms) is not waiting: count from borrow to result, less it
                        waits.add(Math.max(0, System.nanoTime() - t0 - 10_000_000L));
                        maxHeld.accumulateAndGet(rs.getInt(1), Math::max);
                    } catch (SQLException e) {
                        if (errors.getAndIncrement() < 3) {
                            System.out.println("ERROR " + e.getSQLState() + " " + e.getMessage());
                        }
                    }
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        long[] w = waits.stream().mapToLong(Long::longValue).sorted().toArray();
        long p99 = w.length == 0 ? -1 : w[(int) Math.ceil(0.99 * w.length) - 1] / 1000;
        System.out.println("MAXHELD " + maxHeld.get() + " BORROWS " + w.length + " P99US " + p99 + " ERRORS "
                + errors.get());
        System.exit(0);
    }
}
