package pool.ctl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.openmbean.CompositeData;
import pool.jmx.DaemonMXBean;
import pool.jmx.PoolBeans;

/** {@code status}: one row per pool. */
final class StatusCommand implements Command {

    /** The columns after the pool's name: JSON key to MXBean attribute, in table order. */
    private static final Map<String, String> ATTRIBUTES = attributes();

    private static Map<String, String> attributes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("state", "State");
        m.put("active", "ActiveConnections");
        m.put("idle", "IdleConnections");
        m.put("total", "TotalConnections");
        m.put("maxSize", "MaxSize");
        m.put("pending", "PendingBorrowers");
        m.put("borrows", "BorrowCount");
        m.put("timeouts", "TimeoutCount");
        m.put("waitP99Micros", "WaitP99Micros");
        return Collections.unmodifiableMap(m);
    }

    /** Settings changed live that differ from the file: a list of (setting, live, file) rows. */
    private static final String CHANGED = "ChangedSettings";

    private static final List<String> HEADERS = List.of("POOL", "STATE", "ACTIVE", "IDLE", "TOTAL", "MAX", "PENDING",
            "BORROWS", "TIMEOUTS", "WAIT P99 µs", "CHANGED LIVE");

    /** Under the table when a pool has settings changed live. */
    static final String LEGEND = "* changed live (poolctl set or resize, JMX), differs from the configuration file;"
            + " a reload keeps it unless the file changes that pool";

    @Override public String name() { return "status"; }
    @Override public List<String> parameters() { return List.of(); }
    @Override public boolean changes() { return false; }

    @Override
    public String summary() {
        return "every pool: state, connections, waiters, borrows, timeouts, wait p99, settings changed live;\n"
                + "every replica: state, lag, reads served, connections";
    }

    @Override
    public int run(Session s, List<String> arguments) throws IOException {
        DaemonMXBean daemon = s.daemon();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        boolean anyChanged = false;
        for (String pool : daemon.getPools()) {
            Map<String, Object> row = row(s, pool);
            if (row != null) {
                rows.add(row);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> changed = (List<Map<String, Object>>) row.get("changedSettings");
                anyChanged |= !changed.isEmpty();
                Map<String, Object> cell = new LinkedHashMap<>(row);
                cell.put("changedSettings", changedCell(changed));
                cells.add(cell);
            }
        }
        List<Map<String, Object>> replicas = ReplicaRows.read(s.jmx());
        if (s.json()) {
            s.out().println(Json.of(Map.of("configFile", daemon.getConfigFile(), "startedAt", daemon.getStartedAt(),
                    "pools", rows, "replicas", replicas)));
        } else {
            s.out().println("poold " + daemon.getConfigFile() + ", up since " + daemon.getStartedAt());
            s.out().print(Table.of(HEADERS, cells));
            if (anyChanged) {
                s.out().println(LEGEND);
            }
            if (!replicas.isEmpty()) {
                s.out().println();
                s.out().print(Table.of(ReplicaRows.HEADERS, replicas));
            }
        }
        return Poolctl.OK;
    }

    /** @return the pool's row, read in one round trip; null when a reload removed the pool meanwhile */
    private static Map<String, Object> row(Session s, String pool) throws IOException {
        ObjectName on = PoolBeans.nameOf(pool);
        List<Attribute> read;
        try {
            List<String> names = new ArrayList<>(ATTRIBUTES.values());
            names.add(CHANGED);
            read = s.jmx().getAttributes(on, names.toArray(new String[0])).asList();
        } catch (InstanceNotFoundException | ReflectionException e) {
            return null;
        }
        Map<String, Object> byName = new HashMap<>();
        read.forEach(a -> byName.put(a.getName(), a.getValue()));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pool", pool);
        ATTRIBUTES.forEach((key, attribute) -> row.put(key, byName.get(attribute)));
        row.put("changedSettings", changedSettings(byName.get(CHANGED)));
        return row;
    }

    /** @return the rows of a ChangedSettings attribute as maps; none from a daemon without it */
    private static List<Map<String, Object>> changedSettings(Object attribute) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (attribute instanceof CompositeData[] rows) {
            for (CompositeData r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("setting", r.get("setting"));
                m.put("live", r.get("live"));
                m.put("file", r.get("file"));
                list.add(m);
            }
        }
        return list;
    }

    /** @return e.g. {@code maxSize=20* (file 10), leakReclaim=true* (file false)} */
    private static String changedCell(List<Map<String, Object>> changed) {
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> c : changed) {
            parts.add(c.get("setting") + "=" + c.get("live") + "* (file " + c.get("file") + ")");
        }
        return String.join(", ", parts);
    }
}
