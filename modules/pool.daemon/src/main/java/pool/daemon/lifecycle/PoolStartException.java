package pool.daemon.lifecycle;

import java.util.List;

/**
 * Pools could not be created: a {@code fail-fast} pool could not reach its database, or
 * a pool could not be built at all (no driver for its URL). Each problem names the
 * pool and where the file defines it.
 */
public final class PoolStartException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    PoolStartException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one {@code FILE:LINE:COLUMN: pool 'x': ...} line per pool that failed */
    public List<String> problems() {
        return problems;
    }
}
