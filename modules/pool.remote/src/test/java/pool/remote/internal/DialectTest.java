package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Which dialect a pool gets: by its first connection's driver name, one per pool. */
class DialectTest {

    @Test
    void theDriverNameChoosesTheDialect() {
        assertInstanceOf(PostgresDialect.class, Dialect.ofDriver("PostgreSQL JDBC Driver"));
        assertInstanceOf(MariaDbDialect.class, Dialect.ofDriver("MariaDB Connector/J"));
        assertSame(GenericDialect.READS_OPEN_RESULTS, Dialect.ofDriver("MySQL Connector/J"));
        assertSame(GenericDialect.PLAIN, Dialect.ofDriver("H2 JDBC Driver"));
        assertSame(GenericDialect.PLAIN, Dialect.ofDriver(null));
    }

    @Test
    void eachPoolGetsADialectOfItsOwn() {
        assertNotSame(Dialect.ofDriver("PostgreSQL JDBC Driver"), Dialect.ofDriver("PostgreSQL JDBC Driver"));
    }

    /** A savepoint whose driver-given id is 7. */
    static final java.sql.Savepoint SEVEN = new java.sql.Savepoint() {
        @Override
        public int getSavepointId() {
            return 7;
        }

        @Override
        public String getSavepointName() {
            throw new UnsupportedOperationException();
        }
    };
}
