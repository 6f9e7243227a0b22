package pool.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;

/** getConnection() + close(): the pool's own cost, nothing else. Thread count from -t. */
public class ConnectionCycle extends StubPoolState {

    @Benchmark
    public Connection cycle() throws SQLException {
        Connection c = opened.dataSource().getConnection();
        c.close();
        return c;
    }
}
