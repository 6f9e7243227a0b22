package pool.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import pool.protocol.TlsClientSocketFactory;

/**
 * poolctl's side of a JMX connector with {@code <tls>}: the registry lookup goes over TLS
 * with a socket factory that checks the daemon's certificate names the {@code --jmx} host,
 * and the connector's stubs bring the same factory along from the daemon. Stores come from
 * the options, else from the standard {@code javax.net.ssl.*} properties
 * ({@code POOLCTL_JAVA_OPTS}), else the runtime's CA certificates.
 */
final class TlsClient {

    /** The options naming stores; each takes a file and implies {@code --tls}. */
    static final List<String> OPTIONS = List.of("--trust-store", "--trust-store-password-file", "--key-store",
            "--key-store-password-file");

    /** The JNDI environment key of the socket factory for the registry lookup (the JDK's RMI registry context). */
    private static final String REGISTRY_SOCKETS = "com.sun.jndi.rmi.factory.socket";

    private TlsClient() {
    }

    /**
     * Makes the stores named in {@code options} (option to file) this JVM's default TLS
     * context, which every socket of the connection uses.
     *
     * @return the entries the JMX environment needs for a TLS registry lookup
     * @throws IOException naming the store that cannot be read or used
     */
    static Map<String, Object> environment(Map<String, Path> options) throws IOException {
        Path trustStore = options.get("--trust-store");
        Path keyStore = options.get("--key-store");
        if (trustStore != null || keyStore != null) {
            KeyManagerFactory kmf = null;
            TrustManagerFactory tmf = null;
            try {
                if (keyStore != null) {
                    char[] pw = password(options.get("--key-store-password-file"));
                    kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    kmf.init(load(keyStore, pw, "--key-store"), pw);
                }
                if (trustStore != null) {
                    tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(load(trustStore, password(options.get("--trust-store-password-file")), "--trust-store"));
                }
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(),
                        null);
                SSLContext.setDefault(context);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot use the key or trust store: " + Poolctl.rootMessage(e), e);
            }
        }
        return Map.of(REGISTRY_SOCKETS, new TlsClientSocketFactory());
    }

    /** @return the first line of {@code file}, or null (a store without a password) when no file was given */
    private static char[] password(Path file) throws IOException {
        return file == null ? null : Poolctl.firstLine(file).toCharArray();
    }

    /** PKCS12, or JKS: the JDK's PKCS12 key store reads both. */
    private static KeyStore load(Path file, char[] password, String option) throws IOException,
            GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
            return store;
        } catch (IOException e) {
            throw new IOException(option + " " + file + ": " + Poolctl.rootMessage(e)
                    + " (check the path, and the password file's first line)", e);
        }
    }
}
