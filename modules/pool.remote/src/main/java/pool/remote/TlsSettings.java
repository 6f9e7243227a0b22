package pool.remote;

import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * TLS for the registry and the pools (and, handed over by the daemon, the JMX connector).
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

    /**
     * @return what a listening socket applies: the context's defaults with the client
     *         certificate requirement and the protocols of these settings (a fresh copy each call)
     */
    public SSLParameters serverParameters() {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setNeedClientAuth(needClientAuth);
        if (enabledProtocols != null) {
            p.setProtocols(enabledProtocols.clone());
        }
        return p;
    }
}
