package pool.ormtests.hibernate;

import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import pool.ormtests.Backend;
import pool.ormtests.Comparison;
import pool.ormtests.Daemon;
import pool.ormtests.Lazy;

/**
 * {@link HibernateScenario} on one database, once on the driver's own data source and once on
 * poold's, compared step by step. The direct side's EntityManagerFactory creates the tables;
 * poold's uses them as they are (an application's schema exists before it is deployed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HibernateComparison {

    private Lazy<Hib> direct;
    private Lazy<Hib> poold;

    abstract Backend backend();

    @BeforeAll
    void sides() {
        Backend b = backend();
        direct = new Lazy<>(() -> {
            if (b == Backend.MARIADB) {
                // Hibernate drops MariaDB sequences without IF EXISTS; halt_on_error stops at a missing one
                new pool.ormtests.Tables(b).run("create sequence if not exists h_item_seq");
            }
            DataSource ds = b.directDataSource();
            return new Hib(b, ds, ContainerBootstrap.start("direct", ds, "drop-and-create", b));
        }, Hib::close);
        poold = new Lazy<>(() -> {
            DataSource ds = Daemon.get().dataSource(b.kind);
            return new Hib(b, ds, ContainerBootstrap.start("poold", ds, "none", b));
        }, Hib::close);
    }

    @TestFactory
    Stream<DynamicTest> sameResultsOnTheDriversDataSourceAndThroughPoold() {
        return new Comparison<>("hibernate", backend(), direct, poold).tests(Stream.of(HibernateScenario.steps(),
                HibernateMoreSteps.steps(), HibernateOrmSteps.steps(), HibernateLockSteps.steps()).flatMap(java.util.List::stream).toList());
    }

    @AfterAll
    void close() {
        direct.close();
        poold.close();
    }
}
