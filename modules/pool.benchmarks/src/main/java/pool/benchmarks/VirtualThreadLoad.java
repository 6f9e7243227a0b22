package pool.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * CPU cost per borrow when many virtual threads share a small pool: 10,000 virtual
 * threads, pool of 8, each borrowing, holding the connection for a simulated query
 * (a sleep, which parks the virtual thread and frees its carrier) and returning it.
 * A pool that spins or yields while waiting burns carrier CPU here; one that parks does not.
 *
 * <p>Run: {@code java -cp modules/pool.benchmarks/target/benchmarks.jar pool.benchmarks.VirtualThreadLoad [threads] [poolSize] [borrowsPerThread] [holdMicros]}
 */
public final class VirtualThreadLoad {

    private VirtualThreadLoad() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int poolSize = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int borrowsPerThread = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long holdMicros = args.length > 3 ? Long.parseLong(args[3]) : 200;
        if (!PerPoolJvm.isChild()) {
            System.out.printf("%d virtual threads, pool of %d, %d borrows each, %d us held%n",
                    threads, poolSize, borrowsPerThread, holdMicros);
            System.out.printf("%-8s %12s %14s %14s %10s%n", "pool", "wall s", "CPU us/borrow", "borrows/s", "failures");
        }
        if (args.length <= 4) {
            PerPoolJvm.forEachPool(VirtualThreadLoad.class, new String[] {Integer.toString(threads),
                    Integer.toString(poolSize), Integer.toString(borrowsPerThread), Long.toString(holdMicros)});
            return;
        }
        for (PoolUnderTest kind : List.of(PoolUnderTest.valueOf(args[4].toUpperCase(Locale.ROOT)))) {
            run(kind, threads, poolSize, borrowsPerThread, holdMicros); // warm-up round
            Result r = run(kind, threads, poolSize, borrowsPerThread, holdMicros);
            System.out.printf("%-8s %12.2f %14.2f %14.0f %10d%n", kind, r.wallSeconds(),
                    r.cpuMicrosPerBorrow(), r.borrows() / r.wallSeconds(), r.failures());
        }
    }

    record Result(double wallSeconds, double cpuMicrosPerBorrow, long borrows, long failures) {
    }

    static Result run(PoolUnderTest kind, int threads, int poolSize, int borrowsPerThread, long holdMicros)
            throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        Duration hold = Duration.ofNanos(holdMicros * 1_000);
        try (PoolUnderTest.Opened opened = kind.open(PoolUnderTest.STUB_URL, poolSize).warm(poolSize)) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < threads; i++) {
                    exec.submit(() -> {
                        for (int k = 0; k < borrowsPerThread; k++) {
                            try (Connection c = opened.dataSource().getConnection()) {
                                Thread.sleep(hold);
                                done.increment();
                            } catch (Exception e) {
                                failed.increment();
                            }
                        }
                    });
                }
            }
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            long borrows = done.sum();
            return new Result(wall / 1e9, borrows == 0 ? Double.NaN : cpu / 1e3 / borrows, borrows, failed.sum());
        }
    }
}
