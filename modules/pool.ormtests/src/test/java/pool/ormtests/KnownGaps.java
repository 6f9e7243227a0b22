package pool.ormtests;

import java.util.List;
import java.util.Optional;

/**
 * The steps that give another result through poold than on the driver's own data source
 * today, each with the item of issue 17 whose fix should close it. A step listed here that
 * differs is reported as skipped (aborted, with its first difference), so the build stays
 * green while the fixes are under way; a step listed here that matches fails, so that an
 * entry is removed as soon as its fix is merged and the list always tells the truth.
 *
 * <p>The same list, with the first difference of each, is kept for people in
 * {@code docs/orm.md}.
 */
public final class KnownGaps {

    /**
     * @param orm     "hibernate", "mybatis" or "*"
     * @param backend a database, or null for both
     * @param step    the step's name
     * @param item    the issue-17 item that fixes it, e.g. "17.1 time zones"
     */
    record Gap(String orm, Backend backend, String step, String item) {
        boolean matches(String o, Backend b, String s) {
            return (orm.equals("*") || orm.equals(o)) && (backend == null || backend == b) && step.equals(s);
        }
    }

    /** None today: every step gives the same result through poold. */
    private static final List<Gap> GAPS = List.of();

    private KnownGaps() {
    }

    static Optional<Gap> find(String orm, Backend backend, String step) {
        return GAPS.stream().filter(g -> g.matches(orm, backend, step)).findFirst();
    }
}
