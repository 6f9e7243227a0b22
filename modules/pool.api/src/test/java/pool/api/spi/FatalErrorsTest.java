package pool.api.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

class FatalErrorsTest {

    @Test
    void aMariaDbStatementTimeoutOrCancelLeavesTheConnectionUsable() {
        // As MariaDB Connector/J reports setQueryTimeout (max_statement_time) and Statement.cancel (KILL QUERY).
        assertFalse(FatalErrors.isFatal(new SQLTimeoutException(
                "Query execution was interrupted (max_statement_time exceeded)", "70100", 1969)));
        assertFalse(FatalErrors.isFatal(new SQLException("Query execution was interrupted", "70100", 1317)));
    }

    @Test
    void aKilledMariaDbConnectionIsFatal() {
        assertTrue(FatalErrors.isFatal(new SQLException("Connection was killed", "70100", 1927)));
        assertTrue(FatalErrors.isFatal(new SQLException("killed", "70100", 0)));
        assertTrue(FatalErrors.isFatal(new SQLException("wrapped", "HY000", 0,
                new SQLException("Connection was killed", "70100", 1927))));
    }

    @Test
    void postgresCancelIsNotFatalAndAdminShutdownIs() {
        assertFalse(FatalErrors.isFatal(new SQLException("canceling statement due to user request", "57014")));
        assertTrue(FatalErrors.isFatal(new SQLException("terminating connection due to administrator command",
                "57P01")));
        assertTrue(FatalErrors.isFatal(new SQLException("An I/O error occurred", "08006")));
    }
}
