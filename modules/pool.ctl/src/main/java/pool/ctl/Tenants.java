package pool.ctl;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import pool.jmx.PoolBeans;

/** {@code poolctl tenants POOL}: the pool's tenant MBeans as a table or JSON, busiest first. */
final class Tenants {

    /** JSON key to TenantMXBean attribute, in table order after the tenant's name. */
    private static final Map<String, String> COLUMNS = columns();

    /**
     * Busiest first, as an operator looking for who holds the pool reads it: most connections
     * held, then most borrowers waiting; tenants equally busy (the idle ones) named first, then
     * by name, so that the order is the same from one run to the next.
     */
    static final Comparator<Map<String, Object>> BUSIEST_FIRST = Comparator
            .<Map<String, Object>>comparingLong(r -> -number(r.get("active")))
            .thenComparingLong(r -> -number(r.get("waiting")))
            .thenComparing(r -> !Boolean.TRUE.equals(r.get("named")))
            .thenComparing(r -> (String) r.get("tenant"));

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private Tenants() {
    }

    private static Map<String, String> columns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("named", "Named");
        m.put("min", "Min");
        m.put("max", "Max");
        m.put("weight", "Weight");
        m.put("active", "ActiveConnections");
        m.put("waiting", "WaitingBorrowers");
        m.put("borrows", "BorrowCount");
        m.put("timeouts", "TimeoutCount");
        m.put("rejected", "RejectedCount");
        m.put("waitP50Micros", "WaitP50Micros");
        m.put("waitP95Micros", "WaitP95Micros");
        m.put("waitP99Micros", "WaitP99Micros");
        return java.util.Collections.unmodifiableMap(m);
    }

    static int print(MBeanServerConnection jmx, String pool, PrintStream out, boolean json) throws IOException {
        ObjectName any = PoolBeans.tenantNameOf(pool, "*");
        ObjectName pattern;
        try {
            // tenantNameOf quotes nothing a pool name may hold; the pattern keeps pool= and drops name=
            pattern = new ObjectName(any.getDomain() + ":type=Tenant,pool=" + any.getKeyProperty("pool") + ",*");
        } catch (JMException e) {
            throw new IllegalArgumentException(e);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ObjectName on : jmx.queryNames(pattern, null)) {
            List<Attribute> read;
            try {
                read = jmx.getAttributes(on, COLUMNS.values().toArray(new String[0])).asList();
            } catch (javax.management.InstanceNotFoundException | javax.management.ReflectionException e) {
                continue; // forgotten meanwhile
            }
            Map<String, Object> byName = new HashMap<>();
            read.forEach(a -> byName.put(a.getName(), a.getValue()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tenant", ObjectName.unquote(quoted(on.getKeyProperty("name"))));
            COLUMNS.forEach((key, attribute) -> row.put(key, byName.get(attribute)));
            rows.add(row);
        }
        rows.sort(BUSIEST_FIRST);
        if (json) {
            out.println(Json.of(Map.of("pool", pool, "tenants", rows)));
        } else if (rows.isEmpty()) {
            out.println(pool + ": no tenants (the pool has no <tenancy>, or none has borrowed yet)");
        } else {
            out.print(Table.of(List.of("TENANT", "NAMED", "MIN", "MAX", "WEIGHT", "ACTIVE", "WAITING", "BORROWS",
                    "TIMEOUTS", "REJECTED", "WAIT P50 µs", "WAIT P95 µs", "WAIT P99 µs"), rows));
        }
        return Poolctl.OK;
    }

    private static String quoted(String value) {
        return value.startsWith("\"") ? value : ObjectName.quote(value);
    }
}
