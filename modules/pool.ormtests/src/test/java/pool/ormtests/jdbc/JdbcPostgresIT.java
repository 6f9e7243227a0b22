package pool.ormtests.jdbc;

import pool.ormtests.Backend;

/** Plain JDBC on PostgreSQL: pgjdbc's PGSimpleDataSource against poold's RemoteDataSource. */
class JdbcPostgresIT extends JdbcComparison {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
