package pool.ormtests.jdbc;

import javax.sql.DataSource;
import pool.ormtests.Backend;
import pool.ormtests.Side;

/** One side for the plain JDBC steps: its data source and its database. */
final class Jdbc extends Side {
    Jdbc(Backend backend, DataSource dataSource) {
        super(backend, dataSource);
    }
}
