package pool.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.Tenancy;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;

/**
 * Borrow + return of a pool with tenancy (shared mode, two named tenants, quotas never
 * reached: the cost of the admission itself) against the same pool without tenancy.
 * Each thread borrows as tenant {@code acme} ({@code PLAIN} ignores the tenant).
 *
 * <p>JMH: {@code java -jar benchmarks.jar TenancyCycle -t 4}. CPU per cycle, one JVM per
 * mode: {@code java -cp benchmarks.jar pool.benchmarks.TenancyCycle [threads] [seconds] [plain|tenancy]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TenancyCycle {

    private static final int SIZE = 16;
    private static final BorrowRequest ACME = BorrowRequest.builder().tenant("acme").build();

    @Param({"PLAIN", "TENANCY"})
    public String mode;

    private ConnectionPool pool;

    static ConnectionPool open(boolean tenancy) throws SQLException {
        PoolConfig.Builder b = PoolConfig.builder("bench").jdbcUrl(StubDatabase.unique("tenancy-bench").url())
                .minIdle(SIZE).maxSize(SIZE).borrowTimeout(Duration.ofSeconds(30));
        if (tenancy) {
            b.tenancy(Tenancy.builder().tenant("acme", 2, SIZE, 3).tenant("shop", 2, SIZE, 1)
                    .defaultLimits(0, SIZE, 1).build());
        }
        ConnectionPool p = Pools.create(b.build());
        Connection[] held = new Connection[SIZE];
        for (int i = 0; i < SIZE; i++) {
            held[i] = p.borrow(ACME);
        }
        for (Connection c : held) {
            c.close();
        }
        return p;
    }

    @Setup(Level.Trial)
    public void open() throws SQLException {
        pool = open(mode.equals("TENANCY"));
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Benchmark
    public Connection cycle() throws SQLException {
        Connection c = pool.borrow(ACME);
        c.close();
        return c;
    }

    /** CPU ns per cycle, as {@link CpuPerCycle} measures it, for one mode in this JVM. */
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        boolean tenancy = args.length > 2 && args[2].equals("tenancy");
        try (ConnectionPool p = open(tenancy)) {
            DataSource acme = new AcmeDataSource(p);
            CpuPerCycle.run(acme, threads, seconds, false); // warm-up round
            double ns = CpuPerCycle.run(acme, threads, seconds, false);
            System.out.printf(Locale.ROOT, "%-8s t=%-3d %8.1f ns CPU/cycle%n", tenancy ? "TENANCY" : "PLAIN",
                    threads, ns);
        }
    }

    /** {@code getConnection()} as tenant acme, so CpuPerCycle's loop borrows with the request. */
    private record AcmeDataSource(ConnectionPool pool) implements DataSource {
        @Override public Connection getConnection() throws SQLException { return pool.borrow(ACME); }
        @Override public Connection getConnection(String u, String p) throws SQLException { return getConnection(); }
        @Override public java.io.PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(java.io.PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public java.util.logging.Logger getParentLogger() { return null; }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException { return pool.unwrap(iface); }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
