package pool.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import pool.daemon.config.TlsConfig;
import pool.remote.TlsSettings;

/**
 * Opens the stores of {@code <daemon><tls>}: the TLS settings the registry port and the JMX
 * connector both listen with (same key, protocols and client-certificate requirement).
 */
final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @throws ConfigException naming {@code <tls>}'s place in the file when a store cannot be
     *                         read or used (missing file, wrong password or type)
     */
    static TlsSettings open(TlsConfig t) throws ConfigException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] keyPassword = t.keyStorePassword() == null ? new char[0] : t.keyStorePassword().toCharArray();
            kmf.init(load(t, t.keyStore(), t.keyStoreType(), keyPassword, "keyStore"), keyPassword);
            TrustManagerFactory tmf = null;
            if (t.trustStore() != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                char[] trustPassword = t.trustStorePassword() == null ? null : t.trustStorePassword().toCharArray();
                tmf.init(load(t, t.trustStore(), t.trustStoreType(), trustPassword, "trustStore"));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return new TlsSettings(context, t.clientAuth(), null);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(List.of(t.location() + ": tls: cannot use the key store " + t.keyStore() + ": "
                    + RmiPublisher.rootMessage(e)));
        }
    }

    private static KeyStore load(TlsConfig t, Path file, String type, char[] password, String element)
            throws ConfigException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
            return store;
        } catch (IOException e) {
            // A wrong password shows as an IOException whose cause is UnrecoverableKeyException.
            throw new ConfigException(List.of(t.location() + ": tls: cannot read " + element + " " + file + " (type "
                    + type + "): " + RmiPublisher.rootMessage(e) + " (check the path, the file's permissions, the type"
                    + " and the password)"));
        }
    }
}
