package pool.ormtests.jdbc;

import pool.ormtests.Backend;

/** The conversion matrix on MariaDB: Connector/J's MariaDbDataSource against poold's RemoteDataSource. */
class ConversionMariaDbIT extends ConversionComparison {
    @Override
    Backend backend() {
        return Backend.MARIADB;
    }
}
