package pool.ormtests.jdbc;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import pool.ormtests.Backend;

/** {@link JdbcScenario} and {@link JdbcTemplateSteps} on one database, compared step by step. */
abstract class JdbcComparison extends BothSides {

    @Override
    void schema(Backend b) throws Exception {
        JdbcScenario.schema(b);
    }

    @TestFactory
    Stream<DynamicTest> sameAnswersOnTheDriversDataSourceAndThroughPoold() {
        return compare(Stream.concat(JdbcScenario.steps().stream(), JdbcTemplateSteps.steps().stream()).toList());
    }
}
