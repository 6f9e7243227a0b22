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

    private static final Backend PG = Backend.POSTGRES;
    private static final Backend MARIA = Backend.MARIADB;

    private static final String ZONES = "17.1 time zones: values travel as the daemon's zone's fields";
    private static final String CALENDAR = "17.2 Calendar variants, setObject/getObject with java.time";
    private static final String ARRAYS = "17.5 arrays";
    private static final String IDENTITY = "17.6 driver identity and vendor types";
    private static final String SMALL = "17.7 smaller items";

    private static final List<Gap> GAPS = List.of(
            // Hibernate, both databases
            new Gap("hibernate", null, "bootstrap.connectionMetadata", IDENTITY),
            new Gap("hibernate", PG, "bootstrap.detectedDialect", IDENTITY),
            new Gap("hibernate", null, "batch.jdbcFailure", SMALL + " (BatchUpdateException without its cause)"),
            new Gap("hibernate", null, "constraint.unique", SMALL + " (BatchUpdateException without its cause)"),
            new Gap("hibernate", null, "constraint.check", SMALL + " (BatchUpdateException without its cause)"),
            new Gap("hibernate", null, "query.joinFetch", ZONES),
            new Gap("hibernate", null, "query.criteriaGroupBy", ZONES),
            new Gap("hibernate", null, "time.localDate", ZONES),
            new Gap("hibernate", null, "time.localTime", ZONES),
            new Gap("hibernate", null, "time.localDateTime", ZONES),
            new Gap("hibernate", null, "time.utilDateAsTimestamp", ZONES),
            new Gap("hibernate", null, "time.utilDateAsDate", ZONES),
            new Gap("hibernate", null, "time.utilDateAsTime", ZONES),
            new Gap("hibernate", null, "time.sqlTimestamp", ZONES),
            new Gap("hibernate", null, "time.parameterVersusLiteral", ZONES),
            new Gap("hibernate", null, "native.temporalLiterals", ZONES),
            new Gap("hibernate", PG, "native.sessionTimeZone", ZONES + " (the session's TimeZone is the daemon's)"),
            new Gap("hibernate", null, "time.offsetDateTime", CALENDAR),
            new Gap("hibernate", null, "time.offsetTime", CALENDAR),
            new Gap("hibernate", null, "time.zonedDateTime", CALENDAR),
            new Gap("hibernate", null, "time.instant", CALENDAR),
            new Gap("hibernate", null, "time.calendarTimestamp", CALENDAR),
            new Gap("hibernate", null, "time.calendarDate", CALENDAR),
            new Gap("hibernate", PG, "native.postgresTypes", ARRAYS + ", " + IDENTITY),
            new Gap("hibernate", PG, "arrays.basic", ARRAYS),
            new Gap("hibernate", null, "savepoint.namedAndUnnamed", SMALL + " (unnamed savepoint id)"),
            // MyBatis
            new Gap("mybatis", PG, "arrays.integerAndText", ARRAYS),
            new Gap("mybatis", null, "native.temporalLiterals", ZONES),
            new Gap("mybatis", null, "savepoint.namedAndUnnamed", SMALL + " (unnamed savepoint id)"),
            new Gap("mybatis", null, "time.localDate", ZONES),
            new Gap("mybatis", null, "time.localTime", ZONES),
            new Gap("mybatis", null, "time.localDateTime", ZONES),
            new Gap("mybatis", MARIA, "time.instant", ZONES),
            new Gap("mybatis", null, "time.utilDate", ZONES),
            new Gap("mybatis", null, "time.sqlDate", ZONES),
            new Gap("mybatis", null, "time.sqlTime", ZONES),
            new Gap("mybatis", null, "time.sqlTimestamp", ZONES),
            new Gap("mybatis", null, "time.offsetDateTime", CALENDAR),
            new Gap("mybatis", PG, "time.offsetTime", CALENDAR),
            new Gap("mybatis", MARIA, "time.zonedDateTime", CALENDAR));

    private KnownGaps() {
    }

    static Optional<Gap> find(String orm, Backend backend, String step) {
        return GAPS.stream().filter(g -> g.matches(orm, backend, step)).findFirst();
    }
}
