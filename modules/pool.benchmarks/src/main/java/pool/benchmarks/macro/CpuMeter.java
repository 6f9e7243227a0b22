package pool.benchmarks.macro;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time of every party in the benchmark: this JVM (the client), the daemon, pgbouncer,
 * PostgreSQL (postmaster and all its backends), and of the whole machine, so that a phase
 * can say where its CPU went and how much other work ran beside it. On 2 cores with all
 * parties on one machine, throughput is CPU time shared out: CPU per operation explains it.
 */
public final class CpuMeter {

    /** USER_HZ: /proc/stat counts in 1/100 s on every Linux this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long daemonPid;
    private final long bouncerPid;
    private final long[] postmasterPids;

    /** @param postmasterPids every PostgreSQL server of the run (a primary and its replica count as one party) */
    public CpuMeter(long daemonPid, long bouncerPid, long... postmasterPids) {
        this.daemonPid = daemonPid;
        this.bouncerPid = bouncerPid;
        this.postmasterPids = postmasterPids.clone();
    }

    /** CPU nanoseconds used so far, per party; {@code machineBusy} counts every process on the machine. */
    public record Snapshot(long client, long daemon, long bouncer, long postgres, long machineBusy) {
        public Snapshot minus(Snapshot o) {
            return new Snapshot(client - o.client, daemon - o.daemon, bouncer - o.bouncer, postgres - o.postgres,
                    machineBusy - o.machineBusy);
        }

        public Snapshot plus(Snapshot o) {
            return new Snapshot(client + o.client, daemon + o.daemon, bouncer + o.bouncer, postgres + o.postgres,
                    machineBusy + o.machineBusy);
        }

        /** CPU of processes that are not part of the benchmark (other work on the machine), never below 0. */
        public long others() {
            return Math.max(0, machineBusy - client - daemon - bouncer - postgres);
        }

        public static final Snapshot ZERO = new Snapshot(0, 0, 0, 0, 0);
    }

    public Snapshot take() {
        return new Snapshot(os.getProcessCpuTime(), cpu(daemonPid), cpu(bouncerPid), postgres(), machineBusy());
    }

    private static long cpu(long pid) {
        if (pid <= 0) {
            return 0;
        }
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    private long postgres() {
        long sum = 0;
        for (long pid : postmasterPids) {
            sum += ProcessHandle.of(pid)
                    .map(pm -> Stream.concat(Stream.of(pm), pm.descendants())
                            .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum())
                    .orElse(0L);
        }
        return sum;
    }

    /** user + nice + system + irq + softirq of all CPUs (idle, iowait and steal excluded). */
    private static long machineBusy() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElse("cpu").trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                ticks += i < f.length ? Long.parseLong(f[i]) : 0;
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The 1-minute load average, from /proc/loadavg. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
