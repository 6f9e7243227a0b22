package pool.ormtests.mybatis;

import pool.ormtests.Backend;

/** MyBatis on PostgreSQL: pgjdbc's PGSimpleDataSource against poold's RemoteDataSource. */
class MyBatisPostgresIT extends MyBatisComparison {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
