package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.daemon.RemoteJdbcScenarios.ClientProcess;
import pool.remote.PasswordHash;

/**
 * {@code <daemon><tls>} in the packaged daemon: key store and trust store (client
 * certificates required) from the configuration, passwords as {@code ${file:}} secrets.
 * Clients are JVMs of their own, configured the standard way ({@code javax.net.ssl.*}).
 */
class PooldTlsProcessTest {

    private static final String STORE_PW = "changeit-tls";
    private static final String USER_PW = "tls-user-pw";

    @TempDir
    Path work;

    private void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool " + List.of(args) + ": " + out);
    }

    private void keypair(String name, String dn, String san) throws Exception {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", dn,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store(name), "-storepass", STORE_PW));
        if (san != null) {
            args.addAll(List.of("-ext", "SAN=" + san));
        }
        keytool(args.toArray(String[]::new));
    }

    private void trust(String name, String trustStore) throws Exception {
        String cert = work.resolve(name + ".crt").toString();
        keytool("-exportcert", "-alias", name, "-keystore", store(name), "-storepass", STORE_PW, "-file", cert);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", cert, "-storetype", "PKCS12", "-keystore",
                store(trustStore), "-storepass", STORE_PW);
    }

    private String store(String name) {
        return work.resolve(name + ".p12").toString();
    }

    @Test
    void tlsWithClientCertificatesFromTheConfiguration() throws Exception {
        keypair("server", "CN=poold", "ip:127.0.0.1");
        keypair("client", "CN=app", null);
        trust("server", "client-trust");
        trust("client", "server-trust");
        Path storePassword = Files.writeString(work.resolve("store-password"), STORE_PW + "\n");
        int port = FreePorts.loopback();
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <rmiRegistryPort>%d</rmiRegistryPort>
                    <jmxPort>%d</jmxPort>
                    <tls>
                      <keyStore>%s</keyStore>
                      <keyStorePassword>${file:%s}</keyStorePassword>
                      <trustStore>%s</trustStore>
                      <trustStorePassword>${file:%s}</trustStorePassword>
                    </tls>
                  </daemon>
                  <clients><user name="app" hash="%s"/></clients>
                  <pool name="secure" driver="h2" h2Admin="deliberate"><jdbcUrl>jdbc:h2:mem:secure</jdbcUrl></pool>
                </poold>
                """.formatted(port, FreePorts.loopback(), store("server"), storePassword, store("server-trust"), storePassword,
                PasswordHash.create(USER_PW.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded()));
        try (PooldProcess daemon = PooldProcess.start(work, Map.of(), "--config", config.toString())) {
            assertTrue(daemon.awaitOutput("poold ready", 60), daemon.stdout() + daemon.stderr());
            assertTrue(daemon.stdout().contains("(TLS)"), daemon.stdout());
            assertFalse(daemon.stdout().contains(STORE_PW), "store passwords are never logged");

            List<String> trustOnly = List.of("-Djavax.net.ssl.trustStore=" + store("client-trust"),
                    "-Djavax.net.ssl.trustStorePassword=" + STORE_PW);
            List<String> withCertificate = new ArrayList<>(trustOnly);
            withCertificate.addAll(List.of("-Djavax.net.ssl.keyStore=" + store("client"),
                    "-Djavax.net.ssl.keyStorePassword=" + STORE_PW));

            ClientProcess ok = ClientProcess.start(work, USER_PW, withCertificate, "select", Integer.toString(port),
                    "secure", "poolds");
            assertEquals(0, ok.awaitExit(60), ok.output());
            assertTrue(ok.output().contains("RESULT 42"), ok.output());

            ClientProcess noCertificate = ClientProcess.start(work, USER_PW, trustOnly, "select",
                    Integer.toString(port), "secure", "poolds");
            assertEquals(3, noCertificate.awaitExit(60), noCertificate.output());

            ClientProcess plain = ClientProcess.start(work, USER_PW, List.of(), "select", Integer.toString(port),
                    "secure", "poold");
            assertEquals(3, plain.awaitExit(60), plain.output());

            daemon.signal("TERM");
            assertEquals(Main.EXIT_OK, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
    }

    @Test
    void anUnreadableKeyStoreStopsTheStartWithExit78NamingTheTlsElement() throws Exception {
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <rmiRegistryPort>%d</rmiRegistryPort>
                    <tls>
                      <keyStore>%s</keyStore>
                      <keyStorePassword>wrong</keyStorePassword>
                    </tls>
                  </daemon>
                </poold>
                """.formatted(FreePorts.loopback(), work.resolve("missing.p12")));
        PooldProcess p = PooldProcess.start(work, Map.of(), "--config", config.toString());
        assertEquals(Main.EXIT_CONFIG, p.awaitExit(), p.stdout() + p.stderr());
        assertTrue(p.stderr().startsWith(config + ":4:"), p.stderr());
        assertTrue(p.stderr().contains("tls: cannot read keyStore " + work.resolve("missing.p12")), p.stderr());
    }
}
