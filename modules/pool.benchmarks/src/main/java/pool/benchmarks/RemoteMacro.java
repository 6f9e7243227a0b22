package pool.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import pool.benchmarks.macro.CpuMeter;
import pool.benchmarks.macro.Pgbouncer;
import pool.benchmarks.macro.PooldDaemon;
import pool.benchmarks.macro.Route;
import pool.benchmarks.macro.Workload;
import pool.client.RemoteDataSource;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.ReplicatedPair;
import pool.testsupport.db.TestDatabases;

/**
 * Issue 6's macro benchmark: N client threads doing borrow, prepared SELECT by primary
 * key, read the row, close, through poold's remote path, beside HikariCP straight to
 * PostgreSQL and HikariCP through pgbouncer (transaction pooling), in one run on one
 * throwaway PostgreSQL 15 (with route poold-replica, a primary and a streaming replica,
 * the other routes on the primary). Prints ops/s, p50 and p99 per thread count and route, with
 * the CPU each party used per operation, as a markdown table.
 *
 * <p>Every server-side pool has the same size (16 by default): the daemon's pool, the
 * direct HikariCP pool, pgbouncer's server pool. HikariCP in front of pgbouncer gets one
 * connection per client thread, so that waiting for one of the 16 server connections
 * happens in pgbouncer, just as it happens in the daemon for poold's remote clients
 * (which hold no connections of their own).
 *
 * <p>Routes alternate: each round runs every route once per thread count, in an order
 * rotated from round to round, so that a drift in the machine's other load touches all
 * routes alike.
 *
 * <p>Everything listens on 127.0.0.1 only. pgbouncer, the daemon and PostgreSQL are stopped
 * at the end, on Ctrl-C (shutdown hook) and, through their parent-death signal, when this
 * JVM is killed.
 *
 * <p>Run: {@code scripts/bench-remote [--help]}, or after building
 * {@code java -cp modules/pool.benchmarks/target/benchmarks.jar pool.benchmarks.RemoteMacro --help}.
 */
public final class RemoteMacro {

    private static final String USAGE = """
            RemoteMacro: poold remote vs HikariCP direct vs HikariCP through pgbouncer on a throwaway PostgreSQL
              --threads LIST     client thread counts (default 1,8,32,128)
              --routes LIST      of poold, poold-release, poold-replica, hikari, pgbouncer
                                 (default: all but poold-replica, which adds a streaming replica)
              --pool N           server-side pool size of every route (default 16)
              --warmup S         unrecorded seconds before each timed phase (default 3)
              --measure S        seconds of each timed phase (default 8)
              --rounds R         timed phases per thread count and route, routes rotated (default 2)
              --jit-warmup S     seconds per route at the start, 8 threads, unrecorded (default 5)
              --daemon DIR       the daemon's distribution (default target/poold)
              --daemon-opts S    JVM options for the daemon (POOLD_JAVA_OPTS), e.g. a JFR recording
              --out FILE         also write the table to FILE
            """;

    private RemoteMacro() {
    }

    record Options(List<Integer> threads, List<Route> routes, int pool, Duration warmup, Duration measure, int rounds,
                   Duration jitWarmup, Path daemon, String daemonOpts, Path out) {

        static Options parse(String[] args) {
            List<Integer> threads = List.of(1, 8, 32, 128);
            List<Route> routes = Route.defaults();
            int pool = 16;
            Duration warmup = seconds("3");
            Duration measure = seconds("8");
            int rounds = 2;
            Duration jit = seconds("5");
            Path daemon = Path.of("target/poold");
            String daemonOpts = "";
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                if (i + 1 >= args.length) {
                    usage("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--threads" -> threads = Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
                    case "--routes" -> routes = Arrays.stream(v.split(",")).map(Route::parse).toList();
                    case "--pool" -> pool = Integer.parseInt(v);
                    case "--warmup" -> warmup = seconds(v);
                    case "--measure" -> measure = seconds(v);
                    case "--rounds" -> rounds = Integer.parseInt(v);
                    case "--jit-warmup" -> jit = seconds(v);
                    case "--daemon" -> daemon = Path.of(v);
                    case "--daemon-opts" -> daemonOpts = v;
                    case "--out" -> out = Path.of(v);
                    default -> usage("unknown option " + a);
                }
            }
            if (threads.isEmpty() || routes.isEmpty() || pool < 1 || rounds < 1 || measure.isZero()) {
                usage("need at least one thread count and route, a pool of 1 or more, 1 round or more, a measure time");
            }
            return new Options(threads, routes, pool, warmup, measure, rounds, jit, daemon, daemonOpts, out);
        }

        private static Duration seconds(String v) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        }

        private static void usage(String problem) {
            System.err.println("RemoteMacro: " + problem);
            System.err.print(USAGE);
            System.exit(64);
        }
    }

    /** Everything started, closed in reverse by {@link #close()}: at the end and from the shutdown hook. */
    private static final class Fixture implements AutoCloseable {
        DatabaseServer db;
        /** Only with the poold-replica route: {@link #db} is its primary. */
        ReplicatedPair pair;
        Pgbouncer bouncer;
        PooldDaemon daemon;
        RemoteDataSource poold;
        RemoteDataSource pooldRelease;
        RemoteDataSource pooldReplica;
        HikariDataSource hikari;
        volatile HikariDataSource viaBouncer;
        private boolean closed;

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            Workload.abort();
            quietly(viaBouncer);
            quietly(hikari);
            quietly(poold);
            quietly(pooldRelease);
            quietly(pooldReplica);
            quietly(daemon);
            quietly(bouncer);
            if (db != null || pair != null) {
                TestDatabases.stopAll();
            }
        }

        private static void quietly(AutoCloseable c) {
            if (c == null) {
                return;
            }
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("clean-up: " + c + ": " + e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Fixture f = new Fixture();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bench-cleanup").unstarted(f::close));
        try {
            run(o, f);
        } finally {
            f.close();
        }
    }

    private static void run(Options o, Fixture f) throws Exception {
        Instant started = Instant.now();
        double loadAtStart = CpuMeter.loadAverage();
        boolean replica = o.routes().contains(Route.POOLD_REPLICA);
        log("starting PostgreSQL%s, pgbouncer and poold (load average %.2f)", replica ? " with a streaming replica" : "",
                loadAtStart);
        if (replica) {
            f.pair = TestDatabases.postgresPair();
            f.db = f.pair.primary();
        } else {
            f.db = TestDatabases.postgres();
        }
        Workload.createTable(f.db);
        if (replica) {
            f.pair.awaitReplicaCaughtUp(Duration.ofSeconds(60));
        }
        int maxThreads = o.threads().stream().mapToInt(Integer::intValue).max().orElseThrow();
        f.bouncer = Pgbouncer.start(f.db, o.pool(), maxThreads + 16);
        String password = UUID.randomUUID().toString();
        f.daemon = PooldDaemon.start(o.daemon(), f.db, replica ? f.pair.replica() : null, o.pool(), password,
                o.daemonOpts());
        String url = f.daemon.poolUrl(PooldDaemon.POOL);
        log("PostgreSQL 127.0.0.1:%d (pid %d)%s, pgbouncer 127.0.0.1:%d (pid %d), poold %s (pid %d)",
                f.db.port(), f.db.pid(), replica ? ", its replica 127.0.0.1:" + f.pair.replica().port() + " (pid "
                        + f.pair.replica().pid() + ")" : "",
                f.bouncer.port(), f.bouncer.pid(), url, f.daemon.pid());
        f.poold = RemoteDataSource.builder(url).user(PooldDaemon.CLIENT_USER).password(password).build();
        f.pooldRelease = RemoteDataSource.builder(url).user(PooldDaemon.CLIENT_USER).password(password)
                .releaseBetweenStatements(true).build();
        if (replica) {
            f.pooldReplica = RemoteDataSource.builder(f.daemon.poolUrl(PooldDaemon.REPLICA_POOL))
                    .user(PooldDaemon.CLIENT_USER).password(password).build();
        }
        f.hikari = hikari("direct", f.db.jdbcUrl(), f.db, o.pool());
        CpuMeter meter = replica
                ? new CpuMeter(f.daemon.pid(), f.bouncer.pid(), f.db.pid(), f.pair.replica().pid())
                : new CpuMeter(f.daemon.pid(), f.bouncer.pid(), f.db.pid());

        if (!o.jitWarmup().isZero()) {
            int t = Math.min(8, maxThreads);
            f.viaBouncer = hikari("pgbouncer-" + t, f.bouncer.jdbcUrl(), f.db, t);
            for (Route r : o.routes()) {
                log("JIT warm-up: %s, %d threads, %d s", r.option(), t, o.jitWarmup().toSeconds());
                Workload.run(dataSource(r, f), t, o.jitWarmup(), Duration.ofMillis(1), meter, calls(r, f),
                        replicaReads(r, f));
            }
            f.viaBouncer.close();
            f.viaBouncer = null;
        }

        List<Row> rows = new ArrayList<>();
        for (int ti = 0; ti < o.threads().size(); ti++) {
            int threads = o.threads().get(ti);
            f.viaBouncer = hikari("pgbouncer-" + threads, f.bouncer.jdbcUrl(), f.db, threads);
            Map<Route, Workload.Result> sum = new EnumMap<>(Route.class);
            Map<Route, List<Double>> perRound = new EnumMap<>(Route.class);
            for (int round = 0; round < o.rounds(); round++) {
                for (Route r : rotated(o.routes(), round + ti)) {
                    Workload.Result res = Workload.run(dataSource(r, f), threads, o.warmup(), o.measure(), meter,
                            calls(r, f), replicaReads(r, f));
                    sum.merge(r, res, Workload.Result::plus);
                    perRound.computeIfAbsent(r, k -> new ArrayList<>()).add(res.opsPerSecond());
                    log("threads %3d round %d %-14s %9.0f ops/s  p50 %8.0f us  p99 %8.0f us  errors %d  load %.2f%s",
                            threads, round + 1, r.option(), res.opsPerSecond(), res.micros(50), res.micros(99),
                            res.errors(), res.load(), res.firstError() == null ? "" : "  first error: " + res.firstError());
                }
            }
            f.viaBouncer.close();
            f.viaBouncer = null;
            for (Route r : o.routes()) {
                rows.add(new Row(threads, r, sum.get(r), perRound.get(r)));
            }
        }
        String table = table(o, rows, started, loadAtStart, CpuMeter.loadAverage());
        System.out.println();
        System.out.print(table);
        if (o.out() != null) {
            Files.writeString(o.out(), table);
        }
    }

    /** One table row: all rounds together, and each round's throughput (how much the machine's other load moved it). */
    record Row(int threads, Route route, Workload.Result result, List<Double> roundOps) {
    }

    private static DataSource dataSource(Route r, Fixture f) {
        return switch (r) {
            case POOLD -> f.poold;
            case POOLD_RELEASE -> f.pooldRelease;
            case POOLD_REPLICA -> f.pooldReplica;
            case HIKARI -> f.hikari;
            case PGBOUNCER -> f.viaBouncer;
        };
    }

    private static LongSupplier calls(Route r, Fixture f) {
        return switch (r) {
            case POOLD -> () -> f.poold.stats().roundTrips();
            case POOLD_RELEASE -> () -> f.pooldRelease.stats().roundTrips();
            case POOLD_REPLICA -> () -> f.pooldReplica.stats().roundTrips();
            default -> () -> 0;
        };
    }

    private static LongSupplier replicaReads(Route r, Fixture f) {
        return r == Route.POOLD_REPLICA ? f.daemon::replicaReadsServed : () -> 0;
    }

    /** Round {@code k} starts at route {@code k mod n}: each route is first, and last, equally often. */
    static List<Route> rotated(List<Route> routes, int k) {
        int n = routes.size();
        List<Route> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(routes.get((i + k) % n));
        }
        return out;
    }

    /** A fixed-size HikariCP pool, filled before it is returned. */
    private static HikariDataSource hikari(String name, String url, DatabaseServer db, int size)
            throws InterruptedException {
        HikariConfig c = new HikariConfig();
        c.setPoolName("bench-" + name);
        c.setJdbcUrl(url);
        c.setUsername(db.user());
        c.setPassword(db.password());
        c.setMinimumIdle(size);
        c.setMaximumPoolSize(size);
        c.setConnectionTimeout(30_000);
        c.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(c);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ds.getHikariPoolMXBean().getTotalConnections() < size) {
            if (System.nanoTime() > deadline) {
                ds.close();
                throw new IllegalStateException("HikariCP pool " + name + " did not fill to " + size + " in 60 s");
            }
            Thread.sleep(20);
        }
        return ds;
    }

    static String table(Options o, List<Row> rows, Instant started, double loadStart, double loadEnd) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "RemoteMacro %s, %d cores, JDK %s; pool %d everywhere; warm-up %s s, "
                        + "%d x %s s timed per cell; load average %.2f at start, %.2f at end%n%n",
                started.truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), o.pool(), seconds(o.warmup()), o.rounds(), seconds(o.measure()),
                loadStart, loadEnd));
        sb.append("| threads | route | ops/s | ops/s per round | p50 µs | p99 µs | daemon calls/op "
                + "| CPU µs/op client | CPU µs/op poold or pgbouncer | CPU µs/op PostgreSQL | other load (cores) | errors |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Workload.Result r = row.result();
            CpuMeter.Snapshot cpu = r.cpu();
            long middle = row.route().viaDaemon() ? cpu.daemon() : row.route() == Route.PGBOUNCER ? cpu.bouncer() : -1;
            String rounds = String.join(" / ", row.roundOps().stream()
                    .map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList());
            sb.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %s | %,.0f | %,.0f | %s | %.0f | %s | %.0f | %.2f | %d |%n",
                    row.threads(), row.route().label(), r.opsPerSecond(), rounds, r.micros(50), r.micros(99),
                    row.route().viaDaemon() ? String.format(Locale.ROOT, "%.2f", r.calls() / (double) r.ops()) : "–",
                    r.cpuMicrosPerOp(cpu.client()),
                    middle < 0 ? "–" : String.format(Locale.ROOT, "%.0f", r.cpuMicrosPerOp(middle)),
                    r.cpuMicrosPerOp(cpu.postgres()), r.otherCores(), r.errors()));
        }
        for (Row row : rows) {
            if (row.route() == Route.POOLD_REPLICA) {
                Workload.Result r = row.result();
                sb.append(String.format(Locale.ROOT, "%n%s at %d threads: the replica served %.0f %% of the reads "
                                + "(ReadsServed of its Replica MBean over the operations of the timed phases)%n",
                        row.route().option(), row.threads(), r.ops() == 0 ? 0.0 : 100.0 * r.replicaReads() / r.ops()));
            }
        }
        return sb.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1e3);
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                String.format(Locale.ROOT, format, args));
    }
}
