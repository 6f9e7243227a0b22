package pool.remote;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TLS for the registry and the pools.
 *
 * @param context           the SSL context with the daemon's key (and, for client
 *                          certificates, the trusted client CAs)
 * @param needClientAuth    whether clients must present a certificate
 * @param enabledProtocols  protocols to allow, or null for the context's defaults
 */
public record TlsSettings(SSLContext context, boolean needClientAuth, String[] enabledProtocols) {
    public TlsSettings {
        Objects.requireNonNull(context, "context");
    }
}
