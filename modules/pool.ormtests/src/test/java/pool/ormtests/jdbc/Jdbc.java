package pool.ormtests.jdbc;

import javax.sql.DataSource;
import pool.ormtests.Backend;
import pool.ormtests.Tables;

/** One side for the plain JDBC steps: its data source and its database. */
final class Jdbc implements AutoCloseable {
    final Backend backend;
    final DataSource dataSource;

    Jdbc(Backend backend, DataSource dataSource) {
        this.backend = backend;
        this.dataSource = dataSource;
    }

    boolean pg() {
        return backend == Backend.POSTGRES;
    }

    Tables tables() {
        return new Tables(backend);
    }

    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a remote data source stops lease renewal; nothing to report
            }
        }
    }
}
