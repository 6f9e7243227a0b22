package pool.ormtests.mybatis;

import pool.ormtests.Backend;

/** MyBatis on MariaDB: Connector/J's MariaDbDataSource against poold's RemoteDataSource. */
class MyBatisMariaDbIT extends MyBatisComparison {
    @Override
    Backend backend() {
        return Backend.MARIADB;
    }
}
