package pool.ormtests;

import javax.sql.DataSource;

/**
 * One side of a comparison: a data source (the driver's own or poold's) and its database.
 * The Hibernate, MyBatis and JDBC sides add what their framework needs on top.
 */
public abstract class Side implements AutoCloseable {
    public final Backend backend;
    public final DataSource dataSource;

    protected Side(Backend backend, DataSource dataSource) {
        this.backend = backend;
        this.dataSource = dataSource;
    }

    public boolean pg() {
        return backend == Backend.POSTGRES;
    }

    /** Set-up and verification through the driver's own connection. */
    public Tables tables() {
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
