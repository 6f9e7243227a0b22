package pool.ormtests.hibernate;

import pool.ormtests.Backend;

/** Hibernate on MariaDB: Connector/J's MariaDbDataSource against poold's RemoteDataSource. */
class HibernateMariaDbIT extends HibernateComparison {
    @Override
    Backend backend() {
        return Backend.MARIADB;
    }
}
