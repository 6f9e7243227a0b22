package pool.daemon.config;

import java.nio.file.Path;

/**
 * {@code <daemon><tls>}: where the daemon's key and the trusted client CAs are. The
 * stores are opened when the daemon starts (a wrong password or a missing file then
 * stops it with exit 78, naming {@code location}).
 *
 * @param keyStore           the daemon's key and certificate chain
 * @param keyStorePassword   its password, resolved; never logged
 * @param keyStoreType       PKCS12 or JKS
 * @param trustStore         CAs of client certificates, or null for none required
 * @param trustStorePassword its password, resolved, or null
 * @param trustStoreType     PKCS12 or JKS
 * @param location           where {@code <tls>} is in the file
 */
public record TlsConfig(Path keyStore, String keyStorePassword, String keyStoreType, Path trustStore,
                        String trustStorePassword, String trustStoreType, Location location) {

    public static final String DEFAULT_STORE_TYPE = "PKCS12";

    /** @return whether clients must present a certificate */
    public boolean clientAuth() {
        return trustStore != null;
    }

    /** @return whether {@code other} names the same stores the same way (where it is in the file aside) */
    public static boolean same(TlsConfig a, TlsConfig b) {
        return a == null ? b == null : b != null && a.withoutLocation().equals(b.withoutLocation());
    }

    private TlsConfig withoutLocation() {
        return new TlsConfig(keyStore, keyStorePassword, keyStoreType, trustStore, trustStorePassword, trustStoreType,
                null);
    }

    @Override
    public String toString() {
        return "TlsConfig[keyStore=" + keyStore + ", keyStoreType=" + keyStoreType + ", trustStore=" + trustStore
                + ", trustStoreType=" + trustStoreType + "]";
    }
}
