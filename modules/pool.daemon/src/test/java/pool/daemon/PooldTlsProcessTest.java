package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.daemon.RemoteJdbcScenarios.ClientProcess;
import pool.daemon.config.TestFiles;
import pool.protocol.TlsClientSocketFactory;
import pool.remote.PasswordHash;
import pool.testsupport.jvm.Java17;
import pool.testsupport.tls.TestPki;

/**
 * {@code <daemon><tls>} in the packaged daemon: key store and trust store (client
 * certificates required) from the configuration, passwords as {@code ${file:}} secrets,
 * covering the registry, the remote pools and the JMX connector. Clients are JVMs of their
 * own, configured the standard way ({@code javax.net.ssl.*}), on Java 25 and Java 17; and a
 * daemon whose certificate, trusted by the clients, was issued to another host is refused
 * by every one of them.
 */
class PooldTlsProcessTest {

    private static final String STORE_PW = "changeit-tls";
    private static final String USER_PW = "tls-user-pw";

    @TempDir
    Path work;

    private TestPki pki;
    private Path storePassword;
    private int registryPort;
    private int jmxPort;

    /** Key pairs for a daemon here ("server"), one issued to other hosts ("impostor") and the client; who trusts whom. */
    private void stores() throws IOException {
        pki = new TestPki(work, STORE_PW);
        pki.keyPair("server", "CN=poold", "ip:127.0.0.1");
        pki.keyPair("impostor", "CN=poold", "dns:db.example.org,ip:10.1.2.3");
        pki.keyPair("client", "CN=app", null);
        pki.trust("server", "client-trust");
        pki.trust("impostor", "client-trust");
        pki.trust("client", "server-trust");
        storePassword = Files.writeString(work.resolve("store-password"), STORE_PW + "\n");
    }

    /** Starts the packaged daemon with {@code key}, requiring client certificates when {@code clientCertificates}. */
    private PooldProcess daemon(String key, boolean clientCertificates) throws Exception {
        registryPort = FreePorts.loopback();
        jmxPort = FreePorts.loopback();
        String trust = clientCertificates ? """
                      <trustStore>%s</trustStore>
                      <trustStorePassword>${file:%s}</trustStorePassword>
                """.formatted(pki.store("server-trust"), storePassword) : "";
        Path config = Files.writeString(work.resolve(key + ".xml"), """
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <rmiRegistryPort>%d</rmiRegistryPort>
                    <jmxPort>%d</jmxPort>
                    <tls>
                      <keyStore>%s</keyStore>
                      <keyStorePassword>${file:%s}</keyStorePassword>
                %s    </tls>
                  </daemon>
                  <clients><user name="app" hash="%6$s"/></clients>
                  <jmx><user name="app" hash="%6$s" role="operate"/></jmx>
                  <pool name="secure" driver="h2" h2Admin="deliberate"><jdbcUrl>jdbc:h2:mem:secure</jdbcUrl></pool>
                </poold>
                """.formatted(registryPort, jmxPort, pki.store(key), storePassword, trust,
                PasswordHash.create(USER_PW.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded()));
        PooldProcess daemon = PooldProcess.start(work, Map.of(), "--config", config.toString());
        if (!daemon.awaitOutput("poold ready", 60)) {
            daemon.close();
            throw new AssertionError("daemon did not start: " + daemon.stdout() + daemon.stderr());
        }
        return daemon;
    }

    private List<String> trustOnly() {
        return List.of("-Djavax.net.ssl.trustStore=" + pki.store("client-trust"),
                "-Djavax.net.ssl.trustStorePassword=" + STORE_PW);
    }

    private List<String> withCertificate() {
        List<String> options = new ArrayList<>(trustOnly());
        options.addAll(List.of("-Djavax.net.ssl.keyStore=" + pki.store("client"),
                "-Djavax.net.ssl.keyStorePassword=" + STORE_PW));
        return options;
    }

    private record Run(int code, String output) {
    }

    /** The packaged poolctl over TLS, its stores named by options. */
    private Run poolctl(String... extra) throws Exception {
        Path userPassword = Files.writeString(work.resolve("user-password"), USER_PW + "\n");
        List<String> cmd = new ArrayList<>(List.of(PooldProcess.launcher().resolveSibling("poolctl").toString(),
                "--jmx", "127.0.0.1:" + jmxPort, "--user", "app", "--password-file", userPassword.toString()));
        cmd.addAll(List.of(extra));
        cmd.add("status");
        return run(new ProcessBuilder(cmd));
    }

    private List<String> poolctlStores() {
        return List.of("--tls", "--trust-store", pki.store("client-trust").toString(), "--trust-store-password-file",
                storePassword.toString(), "--key-store", pki.store("client").toString(), "--key-store-password-file",
                storePassword.toString());
    }

    /** JmxClient17 (src/test/java17) on Java 17 with pool.protocol only on its class path. */
    private Run jmxOnJava17(Path java17, String mode, List<String> tlsOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java17.toString()));
        cmd.addAll(tlsOptions);
        cmd.addAll(List.of("-cp", location(pool.protocol.Protocol.class),
                TestFiles.projectRoot().resolve("modules/pool.daemon/src/test/java17/JmxClient17.java").toString(),
                mode, "127.0.0.1", Integer.toString(jmxPort), "app"));
        return run(new ProcessBuilder(cmd));
    }

    private static Run run(ProcessBuilder pb) throws Exception {
        pb.redirectErrorStream(true).environment().put("POOLD_TEST_PASSWORD", USER_PW);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + pb.command() + "\n" + out);
        }
        return new Run(p.exitValue(), out);
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** @return the messages of {@code e} and its causes */
    private static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append(" / ");
        }
        return b.toString();
    }

    private JMXServiceURL jmxUrl() throws Exception {
        return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
    }

    @Test
    void tlsWithClientCertificatesCoversPoolsAndJmx() throws Exception {
        stores();
        try (PooldProcess daemon = daemon("server", true)) {
            assertTrue(daemon.stdout().contains("remote JDBC registry listening") && daemon.stdout().contains("(TLS)"),
                    daemon.stdout());
            assertTrue(daemon.stdout().lines().anyMatch(l -> l.contains("JMX connector listening") && l.contains("(TLS)")),
                    daemon.stdout());
            assertFalse(daemon.stdout().contains("not yet the JMX connector"), daemon.stdout());
            assertFalse(daemon.stdout().contains(STORE_PW), "store passwords are never logged");

            String port = Integer.toString(registryPort);
            ClientProcess ok = ClientProcess.start(work, USER_PW, withCertificate(), "select", port, "secure", "poolds");
            assertEquals(0, ok.awaitExit(60), ok.output());
            assertTrue(ok.output().contains("RESULT 42"), ok.output());
            ClientProcess noCertificate = ClientProcess.start(work, USER_PW, trustOnly(), "select", port, "secure",
                    "poolds");
            assertEquals(3, noCertificate.awaitExit(60), noCertificate.output());
            ClientProcess plain = ClientProcess.start(work, USER_PW, List.of(), "select", port, "secure", "poold");
            assertEquals(3, plain.awaitExit(60), plain.output());

            Run status = poolctl(poolctlStores().toArray(String[]::new));
            assertEquals(0, status.code(), status.output());
            assertTrue(status.output().lines().anyMatch(l -> l.startsWith("secure ") && l.contains("RUNNING")),
                    status.output());
            Run plainPoolctl = poolctl();
            assertEquals(69, plainPoolctl.code(), plainPoolctl.output());
            assertTrue(plainPoolctl.output().contains("with <tls> it needs --tls"), plainPoolctl.output());

            // A plain JMX client, from this JVM: the registry speaks TLS only.
            assertThrows(IOException.class, () -> JMXConnectorFactory.connect(jmxUrl(),
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"app", USER_PW})));

            Path java17 = Java17.find().orElse(null);
            if (java17 != null) {
                for (String mode : List.of("jndi", "jconsole")) {
                    Run jmx = jmxOnJava17(java17, mode, withCertificate());
                    assertEquals(0, jmx.code(), jmx.output());
                    assertTrue(jmx.output().contains("JAVA 17") && jmx.output().contains("POOLS secure"), jmx.output());
                }
                Run noClientCertificate = jmxOnJava17(java17, "jndi", trustOnly());
                assertEquals(3, noClientCertificate.code(), noClientCertificate.output());
            }

            daemon.signal("TERM");
            assertEquals(Main.EXIT_OK, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
    }

    /**
     * The attack: a server with a certificate the clients trust, issued to other hosts,
     * answers at 127.0.0.1. No client may accept it: pool clients, poolctl and JMX clients,
     * on Java 25 and on Java 17, even a JMX client whose own registry lookup checks nothing.
     */
    @Test
    void aTrustedCertificateIssuedToAnotherHostIsRefusedByEveryClient() throws Exception {
        stores();
        try (PooldProcess daemon = daemon("impostor", false)) {
            ClientProcess pool = ClientProcess.start(work, USER_PW, trustOnly(), "select",
                    Integer.toString(registryPort), "secure", "poolds");
            assertEquals(3, pool.awaitExit(60), pool.output());
            assertTrue(pool.output().contains("FAILED 08001") && pool.output().contains("127.0.0.1"), pool.output());

            Run poolctl = poolctl("--tls", "--trust-store", pki.store("client-trust").toString(),
                    "--trust-store-password-file", storePassword.toString());
            assertEquals(69, poolctl.code(), poolctl.output());
            assertTrue(poolctl.output().contains("No subject alternative names matching IP address 127.0.0.1"),
                    poolctl.output());

            // A JMX client in this JVM, trusting the impostor's certificate, as poolctl connects.
            SSLContext previous = SSLContext.getDefault();
            SSLContext.setDefault(pki.context(null, "client-trust"));
            try {
                IOException e = assertThrows(IOException.class, () -> JMXConnectorFactory.connect(jmxUrl(),
                        Map.of(JMXConnector.CREDENTIALS, new String[] {"app", USER_PW},
                                "com.sun.jndi.rmi.factory.socket", new TlsClientSocketFactory())));
                assertTrue(chain(e).contains("No subject alternative names"), chain(e));
            } finally {
                SSLContext.setDefault(previous);
            }

            Path java17 = Java17.find().orElse(null);
            org.junit.jupiter.api.Assumptions.assumeTrue(java17 != null,
                    "no Java 17 JDK on this machine (set JAVA17_HOME)");
            Run jndi = jmxOnJava17(java17, "jndi", trustOnly());
            assertEquals(3, jndi.code(), jndi.output());
            assertTrue(jndi.output().contains("JAVA 17") && jndi.output().contains("No subject alternative names"),
                    jndi.output());
            // The JDK 17 factory of the lookup checks no host name; the stub's own factory does.
            Run jconsole = jmxOnJava17(java17, "jconsole", trustOnly());
            assertEquals(3, jconsole.code(), jconsole.output());
            assertTrue(jconsole.output().contains("LOOKUP OK")
                    && jconsole.output().contains("No subject alternative names"), jconsole.output());

            daemon.signal("TERM");
            assertEquals(Main.EXIT_OK, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
    }

    @Test
    void anUnreadableKeyStoreIsRefusedByCheckConfigAndStopsTheStartWithExit78NamingTheTlsElement() throws Exception {
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
        // The same verdict from both: a file --check-config passes must start.
        for (String command : new String[] {"--check-config", "--config"}) {
            PooldProcess p = PooldProcess.start(work, Map.of(), command, config.toString());
            assertEquals(Main.EXIT_CONFIG, p.awaitExit(), command + ": " + p.stdout() + p.stderr());
            assertTrue(p.stderr().startsWith(config + ":4:"), command + ": " + p.stderr());
            assertTrue(p.stderr().contains("tls: cannot read keyStore " + work.resolve("missing.p12")),
                    command + ": " + p.stderr());
        }
    }
}
