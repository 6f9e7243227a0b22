package pool.ormtests.jdbc;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import pool.ormtests.Backend;

/** {@link ConversionSteps} on one database, compared step by step. */
abstract class ConversionComparison extends BothSides {

    @Override
    void schema(Backend b) throws Exception {
        ConversionTypes.schema(b);
    }

    @TestFactory
    Stream<DynamicTest> everyGetterAndSetterConvertsAsOnTheDriversDataSource() {
        return compare(ConversionSteps.steps());
    }
}
