package pool.benchmarks;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
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

/**
 * What the engine benchmarks share: each pool under test opened on the stub driver with
 * {@link #poolSize} connections, all of them warm, and the same run settings, so that
 * {@link ConnectionCycle} and {@link StatementCycle} differ only in their cycle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // as the daemon: poold reads the coarse clock
public abstract class StubPoolState {

    @Param({"POOLD", "HIKARI", "AGROAL", "DBCP2", "VIBUR"})
    public PoolUnderTest pool;

    @Param({"16"})
    public int poolSize;

    protected PoolUnderTest.Opened opened;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        opened = pool.open(PoolUnderTest.STUB_URL, poolSize).warm(poolSize);
    }

    @TearDown(Level.Trial)
    public void close() {
        opened.close();
    }
}
