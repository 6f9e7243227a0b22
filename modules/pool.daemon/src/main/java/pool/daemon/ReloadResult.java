package pool.daemon;

import java.util.List;

/**
 * Outcome of {@link Daemon#reload()}, for the log, JMX and {@code poolctl reload}.
 *
 * @param applied  whether the new configuration is now the running one
 * @param summary  one line: what changed, or why nothing did
 * @param problems when rejected, the problems ({@code FILE:LINE:COLUMN: ...} each); else empty
 */
public record ReloadResult(boolean applied, String summary, List<String> problems) {

    public ReloadResult {
        problems = List.copyOf(problems);
    }
}
