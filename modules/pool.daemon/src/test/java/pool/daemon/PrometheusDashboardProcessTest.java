package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.daemon.config.TestFiles;

/**
 * The Prometheus agent shipped in the image, switched on by POOLD_PROMETHEUS alone, and the
 * Grafana dashboard config/dashboards/poold.json against what it serves: every metric a
 * dashboard query names must be scraped from a daemon on the default configuration.
 */
class PrometheusDashboardProcessTest {

    /**
     * Panels whose metrics carry a label only some pools have: a pool with {@code <tenancy>}
     * (pool.tenancy's Tenant MBeans) or {@code <replicas>} (pool.routing's Replica MBeans).
     * The default configuration has neither, so their metrics may be absent from its scrape;
     * their queries must select by that label, and where the metrics are served they must
     * carry it. Title (a template variable: $name) to label.
     */
    private static final Map<String, String> LABEL_DEPENDENT = Map.of(
            "Tenant connections", "tenant",
            "Tenant waiting borrowers", "tenant",
            "Tenant borrows and timeouts", "tenant",
            "Replica health", "replica",
            "Replica lag", "replica",
            "Replica connections", "replica",
            "$tenant", "tenant",
            "$replica", "replica");

    private static final Pattern METRIC = Pattern.compile("\\bpoold_[a-z0-9_]+");
    private static final Map<String, String> BARE = Map.of("PATH", "/usr/bin:/bin");

    @TempDir
    Path work;

    private static Path image() throws IOException {
        return PooldProcess.launcher().getParent().getParent().toRealPath();
    }

    private Path defaultConfiguration() throws IOException {
        String shipped = Files.readString(image().resolve("config/pools.xml"));
        return Files.writeString(work.resolve("pools.xml"), shipped
                .replace("<rmiRegistryPort>1099<", "<rmiRegistryPort>" + FreePorts.loopback() + "<")
                .replace("<jmxPort>9010<", "<jmxPort>" + FreePorts.loopback() + "<"));
    }

    /** Panel title to the expressions of its queries, in the order of the file; template variables under "$name". */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> queries(Path dashboard) throws IOException {
        Map<String, Object> d = (Map<String, Object>) JsonReader.read(Files.readString(dashboard));
        Map<String, List<String>> byPanel = new LinkedHashMap<>();
        for (Object o : (List<Object>) d.get("panels")) {
            Map<String, Object> panel = (Map<String, Object>) o;
            if (panel.get("targets") instanceof List<?> targets) {
                List<String> exprs = new ArrayList<>();
                for (Object t : targets) {
                    exprs.add((String) ((Map<String, Object>) t).get("expr"));
                }
                assertTrue(byPanel.put((String) panel.get("title"), exprs) == null, "two panels " + panel.get("title"));
            }
        }
        for (Object o : (List<Object>) ((Map<String, Object>) d.get("templating")).get("list")) {
            Map<String, Object> v = (Map<String, Object>) o;
            byPanel.put("$" + v.get("name"), List.of((String) ((Map<String, Object>) v.get("query")).get("query")));
        }
        return byPanel;
    }

    static Set<String> metricsOf(List<String> exprs) {
        Set<String> names = new LinkedHashSet<>();
        for (String e : exprs) {
            Matcher m = METRIC.matcher(e);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    void theImagesAgentServesEveryMetricTheDashboardQueries() throws Exception {
        Path dashboard = image().resolve("config/dashboards/poold.json");
        assertEquals(Files.readString(TestFiles.projectRoot().resolve("config/dashboards/poold.json")),
                Files.readString(dashboard), "the image ships the repository's dashboard");
        Map<String, List<String>> queries = queries(dashboard);
        for (String title : List.of("Connections", "Waiting borrowers", "Wait for a connection", "Borrows",
                "Timeouts and rejections", "Leaks", "Connection failures")) {
            assertTrue(queries.containsKey(title), "a panel " + title + " in " + queries.keySet());
        }
        assertTrue(queries.keySet().containsAll(LABEL_DEPENDENT.keySet()), queries.keySet().toString());

        int port = FreePorts.loopback();
        Map<String, String> env = new java.util.HashMap<>(BARE);
        env.put("POOLD_PROMETHEUS", Integer.toString(port)); // a port alone: loopback
        try (PooldProcess p = PooldProcess.startInEmptyEnvironment(work, env, "--config",
                defaultConfiguration().toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            assertTrue(listensOnLoopbackOnly(p.pid(), port), "the agent listens on 127.0.0.1:" + port);
            String scrape = scrape(port);
            Set<String> served = new LinkedHashSet<>();
            scrape.lines().filter(l -> l.startsWith("poold_")).forEach(l -> served.add(l.split("[{ ]", 2)[0]));
            assertTrue(scrape.contains("poold_connections_open{pool=\"demo\"}"), scrape);

            List<String> missing = new ArrayList<>();
            queries.forEach((title, exprs) -> {
                String label = LABEL_DEPENDENT.get(title);
                for (String metric : metricsOf(exprs)) {
                    if (label != null) {
                        // Selected by its label, and where served, carrying it.
                        assertTrue(exprs.stream().allMatch(e -> !e.contains(metric) || e.contains(label + "=~")
                                || e.endsWith(", " + label + ")")), title + ": " + exprs);
                        scrape.lines().filter(l -> l.startsWith(metric + "{")).forEach(l ->
                                assertTrue(l.contains(label + "=\""), title + ": " + l));
                    } else if (!served.contains(metric)) {
                        missing.add(title + ": " + metric);
                    }
                }
            });
            assertEquals(List.of(), missing, "dashboard metrics the agent does not serve; served: " + served);
            assertTrue(p.stdout().lines().noneMatch(l -> l.contains("WARNING") || l.contains("SEVERE")), p.stdout());

            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
            assertEquals("", p.stderr(), "the JVM has nothing to warn about: the archive serves with the agent too");
        }
    }

    @Test
    void aBadPrometheusSettingStopsTheLauncherWithExit64() throws Exception {
        for (String bad : List.of("nine", "127.0.0.1:", "host:port")) {
            Map<String, String> env = new java.util.HashMap<>(BARE);
            env.put("POOLD_PROMETHEUS", bad);
            try (PooldProcess p = PooldProcess.startInEmptyEnvironment(work, env, "--help")) {
                assertEquals(Main.EXIT_USAGE, p.awaitExit(), bad);
                assertTrue(p.stderr().contains("POOLD_PROMETHEUS must"), p.stderr());
            }
        }
        Map<String, String> env = new java.util.HashMap<>(BARE);
        env.put("POOLD_PROMETHEUS", "9404");
        env.put("POOLD_PROMETHEUS_RULES", work.resolve("absent.yaml").toString());
        try (PooldProcess p = PooldProcess.startInEmptyEnvironment(work, env, "--help")) {
            assertEquals(Main.EXIT_USAGE, p.awaitExit());
            assertTrue(p.stderr().contains("cannot read"), p.stderr());
        }
    }

    static String scrape(int port) throws IOException {
        try (var in = URI.create("http://127.0.0.1:" + port + "/metrics").toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** @return whether {@code pid} listens on 127.0.0.1:port and on no other address of that port (/proc/PID/net/tcp*) */
    private static boolean listensOnLoopbackOnly(long pid, int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        List<String> listening = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path f = Path.of("/proc", Long.toString(pid), "net", table);
            if (Files.exists(f)) {
                Files.readAllLines(f).stream().skip(1).map(String::trim).map(l -> l.split("\\s+"))
                        .filter(c -> c[1].endsWith(hexPort) && c[3].equals("0A")).forEach(c -> listening.add(c[1]));
            }
        }
        assertFalse(listening.isEmpty(), "nothing listens on port " + port);
        // 127.0.0.1 in /proc/net/tcp, or as an IPv4-mapped address of an IPv6 socket in tcp6.
        List<String> loopback = List.of("0100007F" + hexPort, "0000000000000000FFFF00000100007F" + hexPort);
        return !listening.isEmpty() && loopback.containsAll(listening);
    }
}
