package pool.benchmarks.macro;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import pool.testsupport.db.DatabaseServer;

/**
 * The macro benchmark's operation and its closed-loop driver: N platform threads, each
 * doing borrow, prepared SELECT by primary key, read the row, close all, as fast as it
 * can; a warm-up, then a timed phase whose per-operation latencies go into a histogram.
 *
 * <p>Latency is measured per operation from {@code getConnection()} to the connection's
 * {@code close()}, so it includes waiting for a pooled connection wherever that happens
 * (in HikariCP, in pgbouncer, in the daemon). Closed loop: a slow operation delays the
 * thread's next one instead of piling up (no coordinated-omission correction), which is
 * how an application thread behaves.
 */
public final class Workload {

    public static final String TABLE = "bench_item";
    public static final int ROWS = 1_000;
    public static final String SQL = "select id, name from " + TABLE + " where id = ?";
    /** Latencies above a minute are recorded as a minute; none come near it. */
    private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(1);

    private Workload() {
    }

    /** Creates and fills the table, replacing one a previous run left. */
    public static void createTable(DatabaseServer db) throws SQLException {
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists " + TABLE);
            s.execute("create table " + TABLE + "(id int primary key, name varchar(100) not null)");
            s.execute("insert into " + TABLE + " select g, 'item ' || g from generate_series(1, " + ROWS + ") g");
            s.execute("analyze " + TABLE);
        }
    }

    /** One operation; returns something read from the row, so nothing can be optimized away. */
    static long once(DataSource ds) throws SQLException {
        int id = ThreadLocalRandom.current().nextInt(1, ROWS + 1);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no row with id " + id);
                }
                return rs.getInt(1) + rs.getString(2).length();
            }
        }
    }

    /**
     * What one timed phase measured.
     *
     * @param calls        round trips to the daemon during the timed phase (0 for other paths)
     * @param replicaReads statements the daemon ran on a replica during the timed phase (0 without replicas)
     * @param load         the 1-minute load average at the end of the phase
     */
    public record Result(long ops, long errors, long nanos, Histogram latency, CpuMeter.Snapshot cpu, long calls,
                         long replicaReads, String firstError, double load) {

        public static Result empty() {
            return new Result(0, 0, 0, newHistogram(), CpuMeter.Snapshot.ZERO, 0, 0, null, 0);
        }

        /** Both phases together (rounds of the same cell); load is averaged. */
        public Result plus(Result o) {
            Histogram h = latency.copy();
            h.add(o.latency);
            double l = nanos == 0 ? o.load : (load + o.load) / 2;
            return new Result(ops + o.ops, errors + o.errors, nanos + o.nanos, h, cpu.plus(o.cpu), calls + o.calls,
                    replicaReads + o.replicaReads, firstError != null ? firstError : o.firstError, l);
        }

        public double opsPerSecond() {
            return ops / (nanos / 1e9);
        }

        /** Latency at {@code percentile} (0-100) in microseconds. */
        public double micros(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e3;
        }

        /** CPU microseconds per operation of {@code nanos} of CPU time. */
        public double cpuMicrosPerOp(long cpuNanos) {
            return ops == 0 ? Double.NaN : cpuNanos / 1e3 / ops;
        }

        /** Cores' worth of CPU used by other work on the machine during the phase. */
        public double otherCores() {
            return nanos == 0 ? 0 : cpu.others() / (double) nanos;
        }
    }

    static Histogram newHistogram() {
        return new Histogram(MAX_NANOS, 3);
    }

    /** Ends every worker now and makes later runs fail: for the shutdown hook (Ctrl-C). */
    public static void abort() {
        Worker.aborted = true;
    }

    /**
     * Runs {@code threads} threads on {@code ds}: {@code warmup} unrecorded, then
     * {@code measure} recorded.
     *
     * @param calls        the client's round-trip counter (daemon paths), or {@code () -> 0}
     * @param replicaReads the daemon's count of reads served by replicas, or {@code () -> 0}
     */
    public static Result run(DataSource ds, int threads, Duration warmup, Duration measure, CpuMeter meter,
                             LongSupplier calls, LongSupplier replicaReads) throws InterruptedException {
        if (Worker.aborted) {
            throw new InterruptedException("benchmark aborted");
        }
        Worker[] workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(ds);
        }
        Thread[] running = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            running[i] = Thread.ofPlatform().name("bench-worker-" + i).start(workers[i]);
        }
        Thread.sleep(warmup.toMillis());
        CpuMeter.Snapshot cpu0 = meter.take();
        long calls0 = calls.getAsLong();
        long reads0 = replicaReads.getAsLong();
        long t0 = System.nanoTime();
        Worker.phase = Worker.MEASURE;
        Thread.sleep(measure.toMillis());
        Worker.phase = Worker.STOP;
        long t1 = System.nanoTime();
        long calls1 = calls.getAsLong();
        long reads1 = replicaReads.getAsLong();
        CpuMeter.Snapshot cpu1 = meter.take();
        for (Thread t : running) {
            t.join();
        }
        Worker.phase = Worker.WARM;
        if (Worker.aborted) {
            throw new InterruptedException("benchmark aborted");
        }
        Histogram all = newHistogram();
        long ops = 0;
        long errors = 0;
        String firstError = null;
        for (Worker w : workers) {
            all.add(w.latency);
            ops += w.ops;
            errors += w.errors;
            if (firstError == null) {
                firstError = w.firstError;
            }
        }
        return new Result(ops, errors, t1 - t0, all, cpu1.minus(cpu0), calls1 - calls0, reads1 - reads0, firstError,
                CpuMeter.loadAverage());
    }

    private static final class Worker implements Runnable {
        static final int WARM = 0;
        static final int MEASURE = 1;
        static final int STOP = 2;
        /** One phase for all workers of a run; runs never overlap. */
        static volatile int phase = WARM;
        /** Set for good by {@link #abort()} (Ctrl-C): every worker ends, and no run starts again. */
        static volatile boolean aborted;
        static volatile long sink;

        private final DataSource ds;
        final Histogram latency = newHistogram();
        long ops;
        long errors;
        String firstError;

        Worker(DataSource ds) {
            this.ds = ds;
        }

        @Override
        public void run() {
            long acc = 0;
            while (true) {
                int p = phase;
                if (p == STOP || aborted) {
                    break;
                }
                long t0 = System.nanoTime();
                try {
                    acc += once(ds);
                } catch (SQLException | RuntimeException e) {
                    if (p == MEASURE) {
                        errors++;
                    }
                    if (firstError == null) {
                        firstError = e.toString();
                    }
                    pause(); // a broken path must not spin
                    continue;
                }
                long took = System.nanoTime() - t0;
                if (p == MEASURE) {
                    latency.recordValue(Math.min(took, MAX_NANOS));
                    ops++;
                }
            }
            sink = acc;
        }

        private static void pause() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
