package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.remote.PasswordHash;

/**
 * What poold and poolctl print is one language, English, whatever the machine's locale says
 * (LANG, LC_ALL, -Duser.language): scripts parse it. German made the XML validator's messages
 * German (and unreadable by the rephrasing that names the setting and its allowed values);
 * Turkish, whose upper case of i is İ, breaks setting and value names changed in case with the
 * default locale.
 */
class LocaleProcessTest {

    private static final Map<String, String> ENGLISH = Map.of("LC_ALL", "C.UTF-8", "LANG", "C.UTF-8");
    private static final Map<String, String> GERMAN = Map.of("POOLD_JAVA_OPTS", "-Duser.language=de -Duser.country=DE",
            "POOLCTL_JAVA_OPTS", "-Duser.language=de -Duser.country=DE", "LANG", "de_DE.UTF-8");
    private static final Map<String, String> TURKISH = Map.of("LC_ALL", "tr_TR.UTF-8", "LANG", "tr_TR.UTF-8",
            "POOLD_JAVA_OPTS", "-Duser.language=tr -Duser.country=TR",
            "POOLCTL_JAVA_OPTS", "-Duser.language=tr -Duser.country=TR");

    @TempDir
    Path work;

    private record Result(int exit, String output) { }

    private Result run(Map<String, String> env, String launcher, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(PooldProcess.launcher().resolveSibling(launcher).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(work.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.startsWith("POOL"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    @Test
    void checkConfigSaysTheSameEnglishProblemsUnderGermanAndTurkishLocales() throws Exception {
        Files.writeString(work.resolve("bad.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon><drainTimeout>soon</drainTimeout></daemon>
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl><minIdel>1</minIdel><maxSize>-1</maxSize>
                  </pool>
                  <pool name="b" driver="H2"><jdbcUrl>jdbc:h2:mem:b</jdbcUrl><idleOrder>FIFO</idleOrder></pool>
                </poold>
                """);
        Files.writeString(work.resolve("broken.xml"), "<poold xmlns=\"urn:poold:config:1\"><pool name=\"a\"");
        for (String file : List.of("bad.xml", "broken.xml")) {
            Result english = run(ENGLISH, "poold", "--check-config", file);
            assertEquals(78, english.exit(), english.output());
            for (Map<String, String> locale : List.of(GERMAN, TURKISH)) {
                Result other = run(locale, "poold", "--check-config", file);
                assertEquals(english, other, "under " + locale);
            }
        }
        String bad = run(GERMAN, "poold", "--check-config", "bad.xml").output();
        assertTrue(bad.contains("'soon' is not a duration") && bad.contains("Did you mean <minIdle>?")
                && bad.contains("'FIFO' is not allowed here: use one of lifo, fifo"), bad);
    }

    @Test
    void aDaemonAndPoolctlUnderTurkishReadAndWriteSettingsWithAnI() throws Exception {
        String password = java.util.UUID.randomUUID().toString();
        Path passwordFile = Files.writeString(work.resolve("ops.pw"), password + "\n");
        int jmxPort = FreePorts.loopback();
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort><drainTimeout>2s</drainTimeout></daemon>
                  <jmx><user name="ops" hash="%s" role="operate"/></jmx>
                  <pool name="demo" driver="h2" initialization="background">
                    <jdbcUrl>jdbc:h2:mem:demo</jdbcUrl><minIdle>1</minIdle><maxSize>4</maxSize>
                    <idleTimeout>10m</idleTimeout><leakThreshold>1m</leakThreshold><leakReclaim>false</leakReclaim>
                    <leakStackCapture>sampled</leakStackCapture><idleOrder>fifo</idleOrder>
                    <tenancy mode="shared" unknownTenants="admit"><tenant name="acme" min="0" max="2" weight="1"/></tenancy>
                  </pool>
                </poold>
                """.formatted(FreePorts.loopback(), jmxPort,
                PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded()));
        assertEquals(0, run(TURKISH, "poold", "--check-config", config.toString()).exit());
        Map<String, String> env = new java.util.HashMap<>(TURKISH);
        try (PooldProcess daemon = PooldProcess.startReady(work, env, config)) {
            String[] login = {"--jmx", "127.0.0.1:" + jmxPort, "--user", "ops", "--password-file",
                    passwordFile.toString()};
            Result idle = run(TURKISH, "poolctl", concat(login, "set", "demo", "idleTimeout", "20m"));
            assertEquals(new Result(0, "demo: idleTimeout 10m -> 20m\n"), idle);
            Result reclaim = run(TURKISH, "poolctl", concat(login, "--json", "set", "demo", "leakReclaim", "true"));
            assertEquals(0, reclaim.exit(), reclaim.output());
            assertTrue(reclaim.output().contains("\"setting\":\"leakReclaim\""), reclaim.output());
            Result status = run(TURKISH, "poolctl", concat(login, "status"));
            assertEquals(0, status.exit(), status.output());
            assertTrue(status.output().contains("idleTimeout=20m* (file 10m)"), status.output());
            Result unknown = run(TURKISH, "poolctl", concat(login, "set", "demo", "IDLETIMEOUT", "5s"));
            assertEquals(64, unknown.exit(), unknown.output());
            assertEquals(run(ENGLISH, "poolctl", concat(login, "set", "demo", "IDLETIMEOUT", "5s")), unknown);
            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout());
        }
    }

    private static String[] concat(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
