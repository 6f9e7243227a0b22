package pool.ormtests.hibernate;

import pool.ormtests.Backend;

/** Hibernate on PostgreSQL: pgjdbc's PGSimpleDataSource against poold's RemoteDataSource. */
class HibernatePostgresIT extends HibernateComparison {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
