package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.daemon.config.TestFiles;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;

/**
 * The image's Prometheus agent on a daemon with every kind of pool (plain, with tenancy, with
 * a replica) against what docs/operations.md and the dashboards promise: every metric the
 * documentation lists is served with its labels, nothing undocumented is, every metric any
 * dashboard in config/dashboards queries is served (tenant and replica panels included),
 * counters end in _total and durations are seconds.
 */
class PrometheusMetricsPostgresIT {

    private static final Pattern METRIC = Pattern.compile("\\bpoold_[a-z0-9_]+");
    /** name{labels} value, as the agent writes a sample. */
    private static final Pattern SAMPLE = Pattern.compile("(poold_[a-z0-9_]+)\\{([^}]*)} (\\S+)");

    @TempDir
    Path work;

    private static String pool(DatabaseServer pg, Path password, String name, String extra) {
        return """
                  <pool name="%s" driver="postgresql">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <minIdle>1</minIdle>
                    <maxSize>5</maxSize>
                    <borrowTimeout>2s</borrowTimeout>
                    %s
                  </pool>
                """.formatted(name, pg.jdbcUrl(), pg.user(), password, extra);
    }

    /** Metric names in the Prometheus section of docs/operations.md. */
    private static Set<String> documented() throws Exception {
        String doc = Files.readString(TestFiles.projectRoot().resolve("docs/operations.md"));
        String section = doc.substring(doc.indexOf("## Prometheus"), doc.indexOf("### The Grafana dashboard"));
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(section);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    @Test
    void everyDocumentedAndDashboardMetricIsServedWithItsLabelsAndNothingElse(@Postgres DatabaseServer pg)
            throws Exception {
        Path password = DaemonFiles.dbPassword(work, pg);
        Path config = DaemonFiles.config(work, FreePorts.loopback(), pool(pg, password, "plain", "")
                + pool(pg, password, "tenanted", """
                    <tenancy mode="shared"><tenant name="acme" min="1" max="3" weight="2"/></tenancy>""")
                // The primary as its own replica: the replica is DOWN (not in recovery), its metrics served all the same.
                + pool(pg, password, "routed", """
                    <replicas><replica name="r1"><jdbcUrl>%s</jdbcUrl></replica></replicas>""".formatted(pg.jdbcUrl())));
        int port = FreePorts.loopback();
        try (PooldProcess daemon = PooldProcess.startReady(work, Map.of("POOLD_PROMETHEUS", Integer.toString(port)),
                config)) {
            String scrape = PrometheusDashboardProcessTest.scrape(port);
            Map<String, List<String>> labelsOf = new TreeMap<>();
            Map<String, String> typeOf = new TreeMap<>();
            for (String line : scrape.lines().toList()) {
                Matcher s = SAMPLE.matcher(line);
                if (s.matches()) {
                    labelsOf.computeIfAbsent(s.group(1), k -> new ArrayList<>()).add(s.group(2));
                } else if (line.startsWith("# TYPE poold_")) {
                    String[] t = line.split(" ");
                    typeOf.put(t[2], t[3]);
                }
            }

            Set<String> documented = documented();
            assertEquals(documented, labelsOf.keySet(), "docs/operations.md lists exactly the metrics served");

            List<String> wrong = new ArrayList<>();
            labelsOf.forEach((metric, samples) -> {
                String label = metric.startsWith("poold_tenant_") ? "tenant=\"acme\""
                        : metric.startsWith("poold_replica_") ? "replica=\"r1\"" : null;
                for (String labels : samples) {
                    if (!labels.contains("pool=\"")) {
                        wrong.add(metric + "{" + labels + "}: no pool label");
                    }
                    if (metric.endsWith("_wait_seconds") != labels.contains("quantile=\"")) {
                        wrong.add(metric + "{" + labels + "}: quantile label on the wait percentiles only");
                    }
                }
                if (label != null && samples.stream().noneMatch(l -> l.contains(label))) {
                    wrong.add(metric + ": no series with " + label + " in " + samples);
                }
                if (label == null && Stream.of("plain", "tenanted", "routed")
                        .anyMatch(p -> samples.stream().noneMatch(l -> l.contains("pool=\"" + p + "\"")))) {
                    wrong.add(metric + ": not served for every pool: " + samples);
                }
                String type = typeOf.get(metric);
                if (metric.endsWith("_total") != "counter".equals(type)) {
                    wrong.add(metric + ": type " + type + " (counters, and only they, end in _total)");
                }
                if (metric.matches(".*_(millis|micros|ms|us)$")) {
                    wrong.add(metric + ": durations are in seconds");
                }
            });
            assertEquals(List.of(), wrong, scrape);

            Set<String> unserved = new TreeSet<>();
            try (Stream<Path> dashboards = Files.list(TestFiles.projectRoot().resolve("config/dashboards"))) {
                for (Path d : dashboards.filter(f -> f.toString().endsWith(".json")).toList()) {
                    PrometheusDashboardProcessTest.queries(d).forEach((title, exprs) ->
                            PrometheusDashboardProcessTest.metricsOf(exprs).stream()
                                    .filter(m -> !labelsOf.containsKey(m))
                                    .forEach(m -> unserved.add(d.getFileName() + " " + title + ": " + m)));
                }
            }
            assertEquals(Set.of(), unserved, "dashboard queries naming metrics the agent does not serve");

            assertTrue(scrape.contains("poold_tenant_max{pool=\"tenanted\",tenant=\"acme\"} 3.0"), scrape);
            assertTrue(scrape.contains("poold_borrow_timeout_seconds{pool=\"plain\"} 2.0"), scrape);
            assertTrue(scrape.contains("poold_replica_up{pool=\"routed\",replica=\"r1\"} 0.0"), scrape);

            daemon.signal("TERM");
            assertEquals(Main.EXIT_OK, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
    }
}
