package pool.ormtests.mybatis;

import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import pool.ormtests.Backend;
import pool.ormtests.Side;

/**
 * One side for the MyBatis steps: a SqlSessionFactory on the side's data source, configured
 * as applications do (JDBC transactions, underscores mapped to camel case, no cache).
 */
final class Mb extends Side {

    /** Work in a session whose transaction is committed at the end. */
    @FunctionalInterface
    interface Work<T> {
        T in(SqlSession session, Mapper mapper) throws Exception;
    }

    final SqlSessionFactory factory;

    Mb(Backend backend, DataSource dataSource) {
        super(backend, dataSource);
        Configuration config = new Configuration(new Environment(backend.name(), new JdbcTransactionFactory(), dataSource));
        config.setMapUnderscoreToCamelCase(true);
        config.setCacheEnabled(false);
        config.setLocalCacheScope(org.apache.ibatis.session.LocalCacheScope.STATEMENT);
        config.addMapper(Mapper.class);
        this.factory = new SqlSessionFactoryBuilder().build(config);
    }

    <T> T tx(Work<T> work) throws Exception {
        return tx(ExecutorType.SIMPLE, work);
    }

    <T> T tx(ExecutorType type, Work<T> work) throws Exception {
        try (SqlSession s = factory.openSession(type, false)) {
            T result = work.in(s, s.getMapper(Mapper.class));
            s.commit(true);
            return result;
        }
    }
}
