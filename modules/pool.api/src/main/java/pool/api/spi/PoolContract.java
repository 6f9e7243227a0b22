package pool.api.spi;

import java.time.Duration;
import java.util.Objects;
import pool.api.BorrowRequest;

/**
 * What every {@link pool.api.ConnectionPool} of the project answers the same way, whichever
 * module implements it (the engine's pool, tenancy's sharded pool, routing's pool).
 */
public final class PoolContract {

    private PoolContract() {
    }

    /**
     * @return {@code request}
     * @throws NullPointerException naming {@link BorrowRequest#DEFAULT} when it is null
     */
    public static BorrowRequest requireRequest(BorrowRequest request) {
        return Objects.requireNonNull(request,
                "the borrow request is null: use BorrowRequest.DEFAULT for a borrow without tenant, intent, priority or timeout");
    }

    /**
     * @return the borrow timeout as {@code DataSource.getLoginTimeout()} reports it: whole seconds
     *         rounded up, because JDBC reads 0 as "no limit", which a 300 ms timeout is not
     */
    public static int loginTimeoutSeconds(Duration borrowTimeout) {
        return (int) Math.min(Integer.MAX_VALUE, (borrowTimeout.toMillis() + 999) / 1000);
    }

    /**
     * @return the borrow timeout {@code DataSource.setLoginTimeout(seconds)} sets: JDBC's 0
     *         ("the default") restores the configured one; it never means "do not wait"
     */
    public static Duration borrowTimeoutForLogin(int seconds, Duration configured) {
        return seconds <= 0 ? configured : Duration.ofSeconds(seconds);
    }
}
