package pool.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionFactoryTest {

    /** What a connection was asked, in order: "isValid 2", "timeout 2", "execute SELECT 1", "close". */
    private final List<String> calls = new ArrayList<>();
    private boolean broken;
    private boolean autoCommit = true;

    @Test
    void validationWithoutATestQueryAsksIsValidInWholeSecondsRoundedUp() {
        assertTrue(ConnectionFactory.validate(connection(), null, Duration.ofMillis(1_500)));
        assertTrue(ConnectionFactory.validate(connection(), "  ", Duration.ofMillis(1)));
        assertEquals(List.of("isValid 2", "isValid 1"), calls);
    }

    @Test
    void validationWithATestQueryRunsItUnderTheTimeoutAndClosesTheStatement() {
        assertTrue(ConnectionFactory.validate(connection(), "SELECT 1", Duration.ofSeconds(3)));
        assertEquals(List.of("timeout 3", "execute SELECT 1", "statement close"), calls);
    }

    @Test
    void aCheckOutOfAutoCommitEndsTheTransactionItMayHaveBegun() {
        autoCommit = false;
        assertTrue(ConnectionFactory.validate(connection(), "SELECT 1", Duration.ofSeconds(1)));
        assertTrue(ConnectionFactory.validate(connection(), null, Duration.ofSeconds(1)));
        assertEquals(List.of("timeout 1", "execute SELECT 1", "rollback", "statement close", "isValid 1", "rollback"),
                calls);
    }

    @Test
    void aFailingCheckIsFalseNotAnException() {
        broken = true;
        assertFalse(ConnectionFactory.validate(connection(), null, Duration.ofSeconds(1)));
        assertFalse(ConnectionFactory.validate(connection(), "SELECT 1", Duration.ofSeconds(1)));
    }

    @Test
    void theDefaultDestroyClosesQuietly() {
        ConnectionFactory factory = new ConnectionFactory() {
            @Override
            public Connection create() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean validate(Connection connection, Duration timeout) {
                return true;
            }
        };
        factory.destroy(connection());
        broken = true;
        factory.destroy(connection()); // a close that throws is swallowed
        assertEquals(List.of("close", "close"), calls);
    }

    private Connection connection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> {
                        calls.add("isValid " + args[0]);
                        yield !broken;
                    }
                    case "createStatement" -> statement();
                    case "getAutoCommit" -> autoCommit;
                    case "rollback" -> {
                        calls.add("rollback");
                        yield null;
                    }
                    case "close" -> {
                        calls.add("close");
                        if (broken) {
                            throw new SQLException("already gone", "08006");
                        }
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Statement statement() {
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setQueryTimeout" -> {
                        calls.add("timeout " + args[0]);
                        yield null;
                    }
                    case "execute" -> {
                        if (broken) {
                            throw new SQLException("connection reset", "08006");
                        }
                        calls.add("execute " + args[0]);
                        yield true;
                    }
                    case "close" -> {
                        calls.add("statement close");
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
