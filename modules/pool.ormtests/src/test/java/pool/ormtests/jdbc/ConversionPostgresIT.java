package pool.ormtests.jdbc;

import pool.ormtests.Backend;

/** The conversion matrix on PostgreSQL: pgjdbc's PGSimpleDataSource against poold's RemoteDataSource. */
class ConversionPostgresIT extends ConversionComparison {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
