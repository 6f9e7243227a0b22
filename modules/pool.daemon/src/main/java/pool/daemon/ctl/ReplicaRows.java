package pool.daemon.ctl;

import java.io.IOException;
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

/**
 * The replicas part of {@code poolctl status}: one row per {@code poold:type=Replica} bean,
 * by pool and replica name (none when no pool has replicas).
 */
final class ReplicaRows {

    static final List<String> HEADERS = List.of("POOL", "REPLICA", "STATE", "LAG ms", "READS", "ACTIVE", "IDLE",
            "TOTAL");

    /** JSON key to MXBean attribute, in table order after pool and replica. */
    private static final Map<String, String> ATTRIBUTES = attributes();

    private static Map<String, String> attributes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("state", "State");
        m.put("lagMillis", "LagMillis");
        m.put("reads", "ReadsServed");
        m.put("active", "ActiveConnections");
        m.put("idle", "IdleConnections");
        m.put("total", "TotalConnections");
        return m;
    }

    private ReplicaRows() {
    }

    static List<Map<String, Object>> read(MBeanServerConnection jmx) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        ObjectName pattern;
        try {
            pattern = new ObjectName("poold:type=Replica,*");
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
        List<ObjectName> names = new ArrayList<>(jmx.queryNames(pattern, null));
        names.sort(Comparator.comparing((ObjectName n) -> ObjectName.unquote(quoted(n.getKeyProperty("pool"))))
                .thenComparing(n -> quoted(n.getKeyProperty("name"))));
        for (ObjectName on : names) {
            List<Attribute> read;
            try {
                read = jmx.getAttributes(on, ATTRIBUTES.values().toArray(new String[0])).asList();
            } catch (JMException e) {
                continue; // removed by a reload meanwhile
            }
            Map<String, Object> byName = new HashMap<>();
            read.forEach(a -> byName.put(a.getName(), a.getValue()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("pool", ObjectName.unquote(quoted(on.getKeyProperty("pool"))));
            row.put("replica", ObjectName.unquote(quoted(on.getKeyProperty("name"))));
            ATTRIBUTES.forEach((key, attribute) -> row.put(key, byName.get(attribute)));
            rows.add(row);
        }
        return rows;
    }

    /** @return {@code v} as ObjectName.unquote takes it: quoted values stay, plain ones are quoted */
    private static String quoted(String v) {
        return v.startsWith("\"") ? v : ObjectName.quote(v);
    }
}
