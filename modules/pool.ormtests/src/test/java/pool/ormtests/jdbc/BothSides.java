package pool.ormtests.jdbc;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestInstance;
import pool.ormtests.Backend;
import pool.ormtests.Comparison;
import pool.ormtests.Daemon;
import pool.ormtests.Lazy;
import pool.ormtests.Step;

/** One database on the driver's own data source and on poold's, each opened on first use, for steps compared side by side. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BothSides {

    private Lazy<Jdbc> direct;
    private Lazy<Jdbc> poold;

    abstract Backend backend();

    /** Creates the tables the steps use, once, before either side opens. */
    abstract void schema(Backend b) throws Exception;

    @BeforeAll
    final void sides() throws Exception {
        Backend b = backend();
        schema(b);
        direct = new Lazy<>(() -> new Jdbc(b, b.directDataSource()), Jdbc::close);
        poold = new Lazy<>(() -> new Jdbc(b, Daemon.get().dataSource(b.kind)), Jdbc::close);
    }

    /** @return one test per step, each run on both sides and failing on the first difference */
    final Stream<DynamicTest> compare(List<Step<Jdbc>> steps) {
        return new Comparison<>("jdbc", backend(), direct, poold).tests(steps);
    }

    @AfterAll
    final void close() {
        direct.close();
        poold.close();
    }
}
