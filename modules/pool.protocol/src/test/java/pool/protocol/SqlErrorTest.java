package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionReclaimedException;
import pool.api.PoolClosedException;
import pool.api.PoolSaturatedException;
import pool.api.PoolTimeoutException;
import pool.api.TenantRejectedException;
import pool.api.spi.OpenConnectionException;

class SqlErrorTest {

    private static final String DRIVER = "FATAL: password authentication failed for user \"orders_rw\"";
    private static final String DETAIL = "cannot open a connection to "
            + "jdbc:postgresql://db7.internal:5432/orders as 'orders_rw': " + DRIVER;
    private static final String CLIENT_DETAIL = "cannot open a connection to its database (SQLState 28P01)";
    private static final String CLIENT = "pool 'orders': " + CLIENT_DETAIL;

    private static OpenConnectionException openFailure() {
        return new OpenConnectionException("orders", DETAIL, CLIENT_DETAIL, new SQLException(DRIVER, "28P01", 0));
    }

    private static String everything(SqlError e) {
        StringBuilder all = new StringBuilder();
        for (SqlError n = e; n != null; n = n.next()) {
            for (SqlError c = n; c != null; c = c.cause()) {
                all.append(c.message()).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void aFailureToOpenAConnectionTravelsWithoutTheDatabasesAddressUserOrDriverText() {
        SqlError sent = SqlError.from(openFailure());

        assertEquals(CLIENT, sent.message());
        assertEquals("28P01", sent.sqlState());
        assertNull(sent.cause(), "the driver's error stays in the daemon");
    }

    @Test
    void aBorrowTimeoutQuotingTheLastFailureQuotesTheClientMessage() {
        OpenConnectionException open = openFailure();
        SQLException copy = new SQLException(open.getMessage(), open.getSQLState(), 0, open);
        PoolTimeoutException timeout = new PoolTimeoutException("pool 'orders': no connection available within "
                + "100 ms; last attempt to open a connection failed: " + open.getMessage(), copy);

        SqlError sent = SqlError.from(timeout);

        String seen = everything(sent);
        assertTrue(sent.message().endsWith("failed: " + CLIENT), sent.message());
        assertFalse(seen.contains("db7.internal"), seen);
        assertFalse(seen.contains("orders_rw"), seen);
        assertFalse(seen.contains("FATAL"), seen);
        assertEquals(SqlError.Kind.POOL_TIMEOUT, sent.kind());
    }

    @Test
    void aCopyNamingThePoolOtherwiseIsHiddenToo() {
        OpenConnectionException open = openFailure();
        SQLException renamed = new SQLException("pool 'shop' (the sub-pool of tenant 'acme'): " + open.detail(),
                open.getSQLState(), 0, open);

        SqlError sent = SqlError.from(renamed);

        assertEquals("pool 'shop' (the sub-pool of tenant 'acme'): " + CLIENT_DETAIL, sent.message());
        assertFalse(everything(sent).contains("db7.internal"), everything(sent));
    }

    @Test
    void aFailureInTheNextChainIsHiddenToo() {
        SQLException first = new SQLException("batch entry 0 failed", "08006");
        first.setNextException(openFailure());

        String seen = everything(SqlError.from(first));

        assertTrue(seen.contains(CLIENT), seen);
        assertFalse(seen.contains("db7.internal"), seen);
    }

    @Test
    void otherErrorsTravelAsTheyAre() {
        SQLException e = new SQLException("relation \"orders\" does not exist", "42P01", 0,
                new SQLException("at position 15", "42P01"));

        SqlError sent = SqlError.from(e);

        assertEquals("relation \"orders\" does not exist", sent.message());
        assertEquals("at position 15", sent.cause().message());
    }

    private static SQLException overTheWire(SQLException e) throws WireException {
        return Wire.decodeReply(Wire.encode(new Reply(0, null, List.of(), SqlError.from(e)))).error().toException();
    }

    @Test
    void thePoolsOwnExceptionsArriveAsTheSameClasses() throws Exception {
        SQLException cause = new SQLException("last attempt failed", "08001");
        List<SQLException> sent = List.of(new PoolTimeoutException("pool 'orders': no connection within 100 ms", cause),
                new PoolSaturatedException("pool 'orders': 64 borrowers already wait"),
                new TenantRejectedException("pool 'orders': tenant 'walk-in' is not configured"),
                new PoolClosedException("pool 'orders' is closed"),
                new ConnectionReclaimedException("pool 'orders' reclaimed the connection after 30 s"));

        for (SQLException e : sent) {
            SQLException got = overTheWire(e);

            assertEquals(e.getClass(), got.getClass(), e.toString());
            assertEquals(e.getMessage(), got.getMessage());
            assertEquals(e.getSQLState(), got.getSQLState());
        }
        SQLException timeout = overTheWire(sent.get(0));
        assertEquals("last attempt failed", timeout.getCause().getMessage());
    }

    @Test
    void aPoolKindWithAnotherSqlStateKeepsTheStateInItsStandardClass() {
        SQLException got = SqlError.of(SqlError.Kind.TENANT_REJECTED, "08001", "refused").toException();

        assertEquals(SQLTransientConnectionException.class, got.getClass());
        assertEquals("08001", got.getSQLState());
        SQLException timeout = SqlError.of(SqlError.Kind.POOL_TIMEOUT, "HYT00", "late").toException();
        assertEquals(SQLTransientConnectionException.class, timeout.getClass());
        assertEquals("HYT00", timeout.getSQLState());
    }
}
