package pool.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.vibur.dbcp.ViburDBCPDataSource;
import pool.api.PoolConfig;
import pool.engine.Pools;

/**
 * The pools compared, each set up for the same job: a fixed size, filled before
 * measuring, auto-commit on, everything else at the pool's own shipped defaults
 * (poold's include reset-on-return and sampled leak tracking).
 */
public enum PoolUnderTest {
    POOLD {
        @Override
        Opened open(String url, int size) {
            var pool = Pools.create(PoolConfig.builder("bench").jdbcUrl(url)
                    .minIdle(size).maxSize(size).borrowTimeout(Duration.ofSeconds(30)).build());
            return new Opened(pool, pool::close);
        }
    },
    HIKARI {
        @Override
        Opened open(String url, int size) {
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(url);
            c.setMinimumIdle(size);
            c.setMaximumPoolSize(size);
            c.setConnectionTimeout(30_000);
            c.setAutoCommit(true);
            HikariDataSource ds = new HikariDataSource(c);
            return new Opened(ds, ds::close);
        }
    },
    AGROAL {
        @Override
        Opened open(String url, int size) throws SQLException {
            AgroalDataSource ds = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(cp -> cp
                            .initialSize(size).minSize(size).maxSize(size)
                            .acquisitionTimeout(Duration.ofSeconds(30))
                            .connectionFactoryConfiguration(cf -> cf.jdbcUrl(url).autoCommit(true))));
            return new Opened(ds, ds::close);
        }
    },
    DBCP2 {
        @Override
        Opened open(String url, int size) {
            BasicDataSource ds = new BasicDataSource();
            ds.setUrl(url);
            ds.setInitialSize(size);
            ds.setMinIdle(size);
            ds.setMaxIdle(size);
            ds.setMaxTotal(size);
            ds.setMaxWait(Duration.ofSeconds(30));
            ds.setDefaultAutoCommit(true);
            return new Opened(ds, () -> {
                try {
                    ds.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    },
    VIBUR {
        @Override
        Opened open(String url, int size) {
            ViburDBCPDataSource ds = new ViburDBCPDataSource();
            ds.setJdbcUrl(url);
            ds.setPoolInitialSize(size);
            ds.setPoolMaxSize(size);
            ds.setConnectionTimeoutInMs(30_000);
            ds.setDefaultAutoCommit(true);
            ds.start();
            return new Opened(ds, ds::close);
        }
    };

    /** The JDBC URL of the stub driver every benchmark uses: no I/O, no latency. */
    static final String STUB_URL = "jdbc:stub:bench";

    abstract Opened open(String url, int size) throws SQLException;

    /** A started pool and how to close it. */
    record Opened(DataSource dataSource, Runnable closer) implements AutoCloseable {
        /** Borrows and returns every connection once so all pools start equally warm. */
        Opened warm(int size) throws SQLException {
            Connection[] held = new Connection[size];
            for (int i = 0; i < size; i++) {
                held[i] = dataSource.getConnection();
            }
            for (Connection c : held) {
                c.close();
            }
            return this;
        }

        @Override
        public void close() {
            closer.run();
        }
    }
}
