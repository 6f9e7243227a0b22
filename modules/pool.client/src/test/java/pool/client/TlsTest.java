package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.TlsSettings;
import pool.remote.Users;
import pool.testsupport.jvm.Java17;
import pool.testsupport.tls.TestPki;

/**
 * TLS with client certificates: one {@link TlsSettings} on the daemon, {@code tls(true)}
 * (or an {@code rmis://} URL) and the default SSL context on the client. Beside the daemon
 * with a certificate for 127.0.0.1 runs an impostor whose certificate the client trusts
 * too, but which was issued to other hosts: clients refuse it, on Java 25 here and on
 * Java 17 in a JVM of its own.
 */
class TlsTest {

    private static final String PW = "changeit";
    private static final Users USERS = Users.of(Map.of("app", PasswordHash.create("pw".toCharArray(), 1000)));

    @TempDir
    static Path dir;
    static TestPki pki;
    static RemoteServer server;
    static RemoteServer impostor;
    static RemoteServer localhostOnly;
    static SSLContext previousDefault;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir, PW);
        pki.keyPair("server", "CN=poold", "ip:127.0.0.1");
        pki.keyPair("impostor", "CN=poold", "dns:db.example.org,ip:10.1.2.3");
        pki.keyPair("localhost", "CN=poold", "dns:localhost");
        pki.keyPair("client", "CN=app", null);
        for (String s : List.of("server", "impostor", "localhost")) {
            pki.trust(s, "client-trust");
        }
        pki.trust("client", "server-trust");

        // The client side: the JVM's default SSL context, which the client library uses.
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(pki.context("client", "client-trust"));

        server = start("server");
        impostor = start("impostor");
        localhostOnly = start("localhost");
    }

    private static RemoteServer start(String key) throws Exception {
        RemoteServer s = RemoteServer.start(RemoteServerConfig.defaults().withPort(0)
                .withTls(new TlsSettings(pki.context(key, "server-trust"), true, new String[] {"TLSv1.3"})));
        s.publish(new H2Pool("secure"), USERS);
        return s;
    }

    @AfterAll
    static void stop() {
        for (RemoteServer s : new RemoteServer[] {server, impostor, localhostOnly}) {
            if (s != null) {
                s.close();
            }
        }
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
    }

    private static String url(RemoteServer s, String host) {
        return "rmis://" + host + ":" + s.port() + "/pools/secure";
    }

    private static String selectOverTls(String url) throws SQLException {
        try (RemoteDataSource ds = RemoteDataSource.builder(url).user("app").password("pw").build();
             Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 'over tls'")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static boolean causedByHandshake(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aClientWithATrustedCertificateQueriesOverTls() throws Exception {
        assertEquals("over tls", selectOverTls(url(server, "127.0.0.1")));
    }

    @Test
    void aPlainTextClientCannotTalkToATlsDaemon() {
        try (RemoteDataSource plain = RemoteDataSource.builder("rmi://127.0.0.1:" + server.port() + "/pools/secure")
                .user("app").password("pw").build()) {
            SQLException e = assertThrows(SQLException.class, plain::getConnection);
            assertEquals("08001", e.getSQLState(), e.getMessage());
        }
    }

    @Test
    void aTrustedCertificateIssuedToAnotherHostIsRefusedAtTheLookup() {
        SQLException e = assertThrows(SQLException.class, () -> selectOverTls(url(impostor, "127.0.0.1")));
        assertEquals("08001", e.getSQLState(), e.getMessage());
        assertTrue(causedByHandshake(e), "refused in the TLS handshake: " + e);
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    /**
     * The lookup goes to "localhost", which the certificate names; the stub it returns leads
     * to 127.0.0.1 (the daemon's advertised address), which the certificate does not name:
     * the stub's own socket factory refuses it before the login, and its password, is sent.
     */
    @Test
    void theStubsOwnSocketFactoryChecksTheHostTheStubLeadsTo() {
        SQLException e = assertThrows(SQLException.class, () -> selectOverTls(url(localhostOnly, "localhost")));
        assertTrue(causedByHandshake(e), "refused in the TLS handshake: " + e);
        assertTrue(e.getMessage().contains("logging in to"), "the lookup passed, the login was refused: " + e);
    }

    @Test
    void onJava17ACertificateForAnotherHostIsRefusedAndOneForThisHostAccepted() throws Exception {
        Path java17 = Java17.find().orElse(null);
        Assumptions.assumeTrue(java17 != null, "no Java 17 JDK on this machine (set JAVA17_HOME)");

        String refused = runOnJava17(java17, url(impostor, "127.0.0.1"));
        assertTrue(refused.contains("JAVA 17"), refused);
        assertTrue(refused.contains("FAILED 08001") && refused.contains("127.0.0.1"), refused);

        String accepted = runOnJava17(java17, url(server, "127.0.0.1"));
        assertTrue(accepted.contains("JAVA 17") && accepted.contains("RESULT 42"), accepted);
    }

    /** Runs PoolClient17 (src/test/java17) on Java 17 with pool.api, pool.protocol and pool.client; returns its output. */
    private static String runOnJava17(Path java17, String url) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java17.toString(),
                "-Djavax.net.ssl.trustStore=" + pki.store("client-trust"), "-Djavax.net.ssl.trustStorePassword=" + PW,
                "-Djavax.net.ssl.keyStore=" + pki.store("client"), "-Djavax.net.ssl.keyStorePassword=" + PW,
                "-cp", String.join(File.pathSeparator, location(pool.api.PoolConfig.class),
                        location(pool.protocol.Protocol.class), location(RemoteDataSource.class)),
                Path.of("src/test/java17/PoolClient17.java").toAbsolutePath().toString(), url, "app"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("POOLD_TEST_PASSWORD", "pw");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        return out;
    }

    /** @return where a class of this build was loaded from: a module's classes directory or jar */
    private static String location(Class<?> type) throws Exception {
        Path p = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.exists(p), p.toString());
        return p.toString();
    }
}
