package pool.ormtests.mybatis;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import pool.ormtests.Backend;
import pool.ormtests.Comparison;
import pool.ormtests.Daemon;
import pool.ormtests.Lazy;

/** {@link MyBatisScenario} on one database, on the driver's own data source and on poold's, compared step by step. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MyBatisComparison {

    private Lazy<Mb> direct;
    private Lazy<Mb> poold;

    abstract Backend backend();

    @BeforeAll
    void sides() throws Exception {
        Backend b = backend();
        new pool.ormtests.Tables(b).run(MyBatisScenario.ddl(b).toArray(String[]::new));
        direct = new Lazy<>(() -> new Mb(b, b.directDataSource()), Mb::close);
        poold = new Lazy<>(() -> new Mb(b, Daemon.get().dataSource(b.kind)), Mb::close);
    }

    @TestFactory
    Stream<DynamicTest> sameResultsOnTheDriversDataSourceAndThroughPoold() {
        return new Comparison<>("mybatis", backend(), direct, poold).tests(MyBatisScenario.steps());
    }

    @AfterAll
    void close() {
        direct.close();
        poold.close();
    }
}
