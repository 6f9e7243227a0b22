package pool.daemon;

import java.util.List;

/**
 * A configuration file is unusable. Each problem is one line of the form
 * {@code FILE:LINE:COLUMN: what is wrong and what to fix}; {@link #getMessage()} joins
 * them with newlines. Messages never contain a resolved secret.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** @return the problems, one {@code FILE:LINE:COLUMN: message} line each */
    public List<String> problems() {
        return problems;
    }
}
