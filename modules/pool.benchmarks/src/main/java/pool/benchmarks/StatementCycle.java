package pool.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;

/** Borrow, prepare, bind, execute, read the row, close all: a typical request's pool work. */
public class StatementCycle extends StubPoolState {

    @Benchmark
    public long cycle() throws SQLException {
        try (Connection c = opened.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM orders WHERE id = ?")) {
            ps.setLong(1, 42L);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        }
    }
}
