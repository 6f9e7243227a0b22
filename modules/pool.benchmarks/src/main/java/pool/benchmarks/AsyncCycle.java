package pool.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
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
import pool.api.ConnectionPool;

/**
 * poold only (issue 4): {@code getConnectionAsync().join()} + close beside blocking
 * {@code getConnection()} + close, on the same pool, so the price of the future is
 * visible. With an idle connection the future is completed at once on the caller; with
 * more threads than connections ({@code -t} above {@code poolSize}) borrowers queue and
 * async completions go through the completion executor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // as the daemon: poold reads the coarse clock
public class AsyncCycle {

    @Param({"16"})
    public int poolSize;

    private PoolUnderTest.Opened opened;
    private ConnectionPool pool;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        opened = PoolUnderTest.POOLD.open(PoolUnderTest.STUB_URL, poolSize).warm(poolSize);
        pool = (ConnectionPool) opened.dataSource();
    }

    @TearDown(Level.Trial)
    public void close() {
        opened.close();
    }

    @Benchmark
    public Connection blocking() throws SQLException {
        Connection c = pool.getConnection();
        c.close();
        return c;
    }

    @Benchmark
    public Connection async() throws SQLException {
        Connection c = pool.getConnectionAsync().join();
        c.close();
        return c;
    }
}
