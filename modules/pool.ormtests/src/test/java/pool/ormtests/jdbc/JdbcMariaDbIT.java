package pool.ormtests.jdbc;

import pool.ormtests.Backend;

/** Plain JDBC on MariaDB: Connector/J's MariaDbDataSource against poold's RemoteDataSource. */
class JdbcMariaDbIT extends JdbcComparison {
    @Override
    Backend backend() {
        return Backend.MARIADB;
    }
}
