package pool.ormtests.jdbc;

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

/** {@link ConversionSteps} on one database, on the driver's own data source and on poold's, compared step by step. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConversionComparison {

    private Lazy<Jdbc> direct;
    private Lazy<Jdbc> poold;

    abstract Backend backend();

    @BeforeAll
    void sides() throws Exception {
        Backend b = backend();
        ConversionTypes.schema(b);
        direct = new Lazy<>(() -> new Jdbc(b, b.directDataSource()), Jdbc::close);
        poold = new Lazy<>(() -> new Jdbc(b, Daemon.get().dataSource(b.kind)), Jdbc::close);
    }

    @TestFactory
    Stream<DynamicTest> everyGetterAndSetterConvertsAsOnTheDriversDataSource() {
        return new Comparison<>("jdbc", backend(), direct, poold).tests(ConversionSteps.steps());
    }

    @AfterAll
    void close() {
        direct.close();
        poold.close();
    }
}
