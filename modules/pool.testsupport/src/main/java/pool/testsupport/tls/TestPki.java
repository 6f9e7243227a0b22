package pool.testsupport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key and trust stores for TLS tests, made with the running JDK's {@code keytool}: self-signed
 * EC key pairs with the subject alternative names a test needs (the right host, or another
 * one), and PKCS12 trust stores of their certificates. Every store in the directory has the
 * same password.
 */
public final class TestPki {

    private final Path dir;
    private final String password;

    /**
     * @param dir      where the stores go, as {@code <name>.p12}
     * @param password the password of every store
     */
    public TestPki(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    /** @return the stores' password */
    public String password() {
        return password;
    }

    /** @return the file of store {@code name} */
    public Path store(String name) {
        return dir.resolve(name + ".p12");
    }

    /**
     * Makes {@code name.p12} with a self-signed key pair valid for two days.
     *
     * @param dn  the subject, e.g. {@code CN=poold}
     * @param san subject alternative names in keytool's form ({@code ip:127.0.0.1},
     *            {@code dns:db.example.org}, comma-separated), or null for none
     * @return the store
     */
    public Path keyPair(String name, String dn, String san) throws IOException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", dn,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store(name).toString(), "-storepass", password));
        if (san != null) {
            args.addAll(List.of("-ext", "SAN=" + san));
        }
        keytool(args);
        return store(name);
    }

    /**
     * Adds the certificate of key pair {@code name} to trust store {@code trustStore}
     * (made when missing).
     *
     * @return the trust store
     */
    public Path trust(String name, String trustStore) throws IOException {
        Path cert = dir.resolve(name + ".crt");
        keytool(List.of("-exportcert", "-alias", name, "-keystore", store(name).toString(), "-storepass", password,
                "-file", cert.toString()));
        keytool(List.of("-importcert", "-noprompt", "-alias", name, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", store(trustStore).toString(), "-storepass", password));
        return store(trustStore);
    }

    /**
     * @param keyStore   the key pair to present, or null for none
     * @param trustStore the certificates to trust, or null for the JDK's defaults
     * @return a TLS context with these stores
     */
    public SSLContext context(String keyStore, String trustStore) throws IOException {
        try {
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keyStore), password.toCharArray());
            }
            TrustManagerFactory tmf = null;
            if (trustStore != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(trustStore));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make a TLS context of " + keyStore + " and " + trustStore + ": " + e, e);
        }
    }

    private KeyStore load(String name) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store(name))) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static void keytool(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool " + args + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }
}
