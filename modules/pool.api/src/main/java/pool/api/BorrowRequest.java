package pool.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One borrow: who asks (tenant), what for (intent), how urgently (priority) and how
 * long the caller is willing to wait.
 *
 * @param tenant   tenant the borrow is charged to, or {@code null} for none
 * @param intent   read/write intent; default {@link Intent#READ_WRITE}
 * @param priority waiting priority; default {@link Priority#NORMAL}
 * @param timeout  the longest wait for a connection, or {@code null} for the pool's
 *                 {@code borrowTimeout}; {@link Duration#ZERO} means "do not wait"
 */
public record BorrowRequest(String tenant, Intent intent, Priority priority, Duration timeout) {

    /** No tenant, read-write, normal priority, the pool's default timeout. */
    public static final BorrowRequest DEFAULT = new BorrowRequest(null, Intent.READ_WRITE, Priority.NORMAL, null);

    /** A timeout longer than 100 years is taken as 100 years (an endless one means the same). */
    public BorrowRequest {
        timeout = Durations.capped(timeout);
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(priority, "priority");
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return a copy of this request with another timeout */
    public BorrowRequest withTimeout(Duration timeout) {
        return new BorrowRequest(tenant, intent, priority, timeout);
    }

    /** Builder for {@link BorrowRequest}; every field starts at its default. */
    public static final class Builder {
        private String tenant;
        private Intent intent = Intent.READ_WRITE;
        private Priority priority = Priority.NORMAL;
        private Duration timeout;

        private Builder() {
        }

        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        public Builder intent(Intent intent) {
            this.intent = intent;
            return this;
        }

        public Builder readOnly() {
            return intent(Intent.READ_ONLY);
        }

        public Builder priority(Priority priority) {
            this.priority = priority;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public BorrowRequest build() {
            return new BorrowRequest(tenant, intent, priority, timeout);
        }
    }
}
