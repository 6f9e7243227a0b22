package pool.appservers;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What TomcatIT asks of the test's Tomcat beside its deployments: the manager's leak finder and
 * the warnings Tomcat logs when it stops an application, as an operator would read them.
 */
final class TomcatServer {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TomcatServer() {
    }

    /** @return the URL of the web application at {@code /context/} */
    static URL app(String context) throws IOException {
        return URI.create("http://127.0.0.1:" + Integer.getInteger("poold.test.tomcat.http.port") + "/" + context + "/").toURL();
    }

    /**
     * The manager's {@code findleaks} (the "Find leaks" button): a full GC, then the stopped
     * applications whose class loaders are still in memory.
     *
     * @return its answer, "OK - No memory leaks found" or "FAIL - Found potential memory leaks" and the applications
     */
    static String findLeaks() throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString("arquillian:arquillian-test-only".getBytes(StandardCharsets.UTF_8));
        HttpRequest r = HttpRequest.newBuilder(URI.create(app("manager") + "text/findleaks?statusLine=true"))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(60)).build();
        return CLIENT.send(r, HttpResponse.BodyHandlers.ofString()).body().strip();
    }

    /** @return where Tomcat's logs end now: {@link #leakWarnings} reads what comes after */
    static Map<Path, Long> logMark() throws IOException {
        Map<Path, Long> mark = new HashMap<>();
        for (Path f : catalinaLogs()) {
            mark.put(f, Files.size(f));
        }
        return mark;
    }

    /**
     * @return the warnings Tomcat logged for {@code context} after {@code mark} (its leak
     *         detector's when it stopped the application: threads it started and did not
     *         stop, ThreadLocals, RMI targets, timers...)
     */
    static List<String> leakWarnings(String context, Map<Path, Long> mark) throws IOException {
        List<String> warnings = new ArrayList<>();
        for (Path f : catalinaLogs()) {
            byte[] all = Files.readAllBytes(f);
            int from = (int) Math.min(all.length, mark.getOrDefault(f, 0L));
            for (String line : new String(all, from, all.length - from, StandardCharsets.UTF_8).split("\n")) {
                if (line.contains("[" + context + "]") && (line.contains("SEVERE") || line.contains("WARNING"))) {
                    warnings.add(line);
                }
            }
        }
        return warnings;
    }

    private static List<Path> catalinaLogs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("poold.test.tomcat.home"), "logs"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("catalina.")).toList();
        }
    }
}
