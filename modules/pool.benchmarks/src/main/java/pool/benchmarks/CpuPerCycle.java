package pool.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The same two cycles as {@link ConnectionCycle} and {@link StatementCycle}, measured as
 * CPU nanoseconds per cycle (each worker's own thread CPU time over its cycles) rather
 * than as throughput. On a shared machine throughput swings with whatever else runs;
 * CPU time per cycle is what the pool itself costs, and moves far less.
 *
 * <p>Run: {@code java -cp modules/pool.benchmarks/target/benchmarks.jar pool.benchmarks.CpuPerCycle [threads] [seconds] [conn|stmt] [pool]}
 */
public final class CpuPerCycle {

    private CpuPerCycle() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        boolean statement = args.length > 2 && args[2].equals("stmt");
        if (args.length <= 3) {
            PerPoolJvm.forEachPool(CpuPerCycle.class, new String[] {
                    Integer.toString(threads), Double.toString(seconds), statement ? "stmt" : "conn"});
            return;
        }
        for (PoolUnderTest kind : List.of(PoolUnderTest.valueOf(args[3].toUpperCase(Locale.ROOT)))) {
            try (PoolUnderTest.Opened opened = kind.open(PoolUnderTest.STUB_URL, 16).warm(16)) {
                run(opened.dataSource(), threads, seconds, statement); // warm-up round
                double ns = run(opened.dataSource(), threads, seconds, statement);
                System.out.printf(Locale.ROOT, "%-8s %-4s t=%-3d %8.1f ns CPU/cycle%n", kind,
                        statement ? "stmt" : "conn", threads, ns);
            }
        }
    }

    static double run(DataSource ds, int threads, double seconds, boolean statement) throws Exception {
        ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder cycles = new LongAdder();
        LongAdder cpu = new LongAdder();
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = Thread.ofPlatform().start(() -> {
                long c0 = tmx.getCurrentThreadCpuTime();
                long n = 0;
                try {
                    while (!stop.get()) {
                        for (int k = 0; k < 1000; k++) {
                            if (statement) {
                                try (Connection c = ds.getConnection();
                                     PreparedStatement ps = c.prepareStatement("SELECT id FROM orders WHERE id = ?")) {
                                    ps.setLong(1, 42L);
                                    try (ResultSet rs = ps.executeQuery()) {
                                        rs.next();
                                    }
                                }
                            } else {
                                ds.getConnection().close();
                            }
                        }
                        n += 1000;
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                cycles.add(n);
                cpu.add(tmx.getCurrentThreadCpuTime() - c0);
            });
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        return cpu.sum() / (double) cycles.sum();
    }
}
