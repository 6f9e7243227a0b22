package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pool.remote.PasswordHash;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.TlsSettings;
import pool.remote.Users;

/**
 * TLS with client certificates: one {@link TlsSettings} on the daemon, {@code tls(true)}
 * (or an {@code rmis://} URL) and the standard {@code javax.net.ssl.*} properties on the client.
 */
class TlsTest {

    private static final char[] PW = "changeit".toCharArray();
    static Path dir;
    static RemoteServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("poold-tls");
        keypair("server", "CN=poold", "ip:127.0.0.1");
        keypair("client", "CN=app", null);
        exportAndTrust("server", "client-trust");
        exportAndTrust("client", "server-trust");

        // The client side: the JDK's default SSL context, configured the standard way.
        System.setProperty("javax.net.ssl.keyStore", dir.resolve("client.p12").toString());
        System.setProperty("javax.net.ssl.keyStorePassword", new String(PW));
        System.setProperty("javax.net.ssl.trustStore", dir.resolve("client-trust.p12").toString());
        System.setProperty("javax.net.ssl.trustStorePassword", new String(PW));

        server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0)
                .withTls(new TlsSettings(serverContext(), true, new String[] {"TLSv1.3"})));
        server.publish(new H2Pool("secure"), Users.of(Map.of("app", PasswordHash.create("pw".toCharArray(), 1000))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void keytool(List<String> args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool " + args + ": " + out);
    }

    private static void keypair(String name, String dn, String san) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC",
                "-dname", dn, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", dir.resolve(name + ".p12").toString(), "-storepass", new String(PW)));
        if (san != null) {
            args.addAll(List.of("-ext", "SAN=" + san));
        }
        keytool(args);
    }

    private static void exportAndTrust(String name, String trustStore) throws Exception {
        Path cert = dir.resolve(name + ".crt");
        keytool(List.of("-exportcert", "-alias", name, "-keystore", dir.resolve(name + ".p12").toString(),
                "-storepass", new String(PW), "-file", cert.toString()));
        keytool(List.of("-importcert", "-noprompt", "-alias", name, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", dir.resolve(trustStore + ".p12").toString(), "-storepass", new String(PW)));
    }

    private static KeyStore load(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            ks.load(in, PW);
        }
        return ks;
    }

    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load("server"), PW);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load("server-trust"));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void aClientWithATrustedCertificateQueriesOverTls() throws Exception {
        try (RemoteDataSource ds = RemoteDataSource.builder("rmis://127.0.0.1:" + server.port() + "/pools/secure")
                .user("app").password("pw").build();
             Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 'over tls'")) {
            assertTrue(rs.next());
            assertEquals("over tls", rs.getString(1));
        }
    }

    @Test
    void aPlainTextClientCannotTalkToATlsDaemon() {
        try (RemoteDataSource plain = RemoteDataSource.builder("rmi://127.0.0.1:" + server.port() + "/pools/secure")
                .user("app").password("pw").build()) {
            SQLException e = assertThrows(SQLException.class, plain::getConnection);
            assertEquals("08001", e.getSQLState(), e.getMessage());
        }
    }
}
