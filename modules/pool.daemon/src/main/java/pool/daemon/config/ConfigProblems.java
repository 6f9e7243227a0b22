package pool.daemon.config;

import java.util.ArrayList;
import java.util.List;
import pool.daemon.ConfigException;

/**
 * Collects every problem found in one file, so that a user fixes them all in one
 * round instead of one per run. Problems keep the order they were found in.
 */
final class ConfigProblems {

    /** More than this many is noise: the file is probably not a poold configuration at all. */
    private static final int LIMIT = 50;

    /** One problem and where it is. */
    record Found(Location where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }

    private final List<Found> problems = new ArrayList<>();
    private int total;

    void add(Location where, String message) {
        total++;
        if (problems.size() < LIMIT) {
            problems.add(new Found(where, message));
        }
    }

    /** @return the problems recorded so far (at most the reported limit) */
    List<Found> found() {
        return List.copyOf(problems);
    }

    /** @return whether a problem was found on {@code line} */
    boolean onLine(int line) {
        return problems.stream().anyMatch(p -> p.where().line() == line);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** @return problems found so far, including any beyond the reported limit */
    int count() {
        return total;
    }

    void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            List<String> all = new ArrayList<>(problems.stream().map(Found::toString).toList());
            if (total > problems.size()) {
                all.add("... and " + (total - problems.size()) + " more problems");
            }
            throw new ConfigException(all);
        }
    }
}
