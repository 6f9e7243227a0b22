package pool.protocol;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Client sockets to poold over TLS that check the server's certificate names the host
 * connected to (endpoint identification "HTTPS": a DNS name must match a DNS subject
 * alternative name, an IP literal an IP one), on every Java version.
 *
 * <p>The JDK's {@code javax.rmi.ssl.SslRMIClientSocketFactory} checks host names only from
 * JDK 22, so on Java 17 and 21 any certificate the trust store accepts, issued to any host,
 * would do: whoever holds one could read logins, tickets and SQL. This factory is used for
 * every client socket poold's TLS involves: the registry lookup and call channels of
 * {@code pool.client}, and, embedded by the daemon in its pool and JMX stubs (which is why
 * it is {@link Serializable}), RMI's own connections to those objects, in whatever client
 * JVM holds the stub.
 *
 * <p>Sockets come from the default {@link SSLSocketFactory}, configured the standard way
 * ({@code javax.net.ssl.trustStore}, {@code javax.net.ssl.keyStore}, ... or
 * {@code SSLContext.setDefault}). As with the JDK's factory, the system properties
 * {@code javax.rmi.ssl.client.enabledProtocols} and
 * {@code javax.rmi.ssl.client.enabledCipherSuites} (comma-separated) narrow what a socket
 * offers; unlike it, host name checking cannot be turned off.
 */
public final class TlsClientSocketFactory implements RMIClientSocketFactory, Serializable {

    private static final long serialVersionUID = 1L;

    /** The endpoint identification algorithm that checks a server certificate against the host name (RFC 2818). */
    static final String HOST_NAME_CHECK = "HTTPS";

    /** A factory; all are alike. */
    public TlsClientSocketFactory() {
    }

    /**
     * For RMI: a TLS socket to {@code host:port} that will refuse, in its handshake, a
     * certificate not issued to {@code host}.
     */
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connect(host, port, 0);
    }

    /**
     * Connects to {@code host:port} and completes the TLS handshake, certificate and host
     * name checked, before anything else is sent.
     *
     * @param timeoutMillis bound on connecting and, separately, on the handshake; 0 for none
     * @throws IOException when the connection or the handshake fails; an
     *                     {@code SSLHandshakeException} names a certificate that is not for {@code host}
     */
    public static SSLSocket connect(String host, int port, int timeoutMillis) throws IOException {
        // Before connecting: the JVM's first call reads the key and trust stores and sets up
        // JSSE, which takes seconds in a cold JVM on a busy machine, and the daemon gives a new
        // connection a deadline from its accept for the whole opening (ConnectionLimits.requestTimeout).
        SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            // Layered on a connected socket with the host name given explicitly: the name the
            // caller asked for is the one checked, never one found by a reverse lookup.
            SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
            configure(tls);
            int before = tls.getSoTimeout();
            tls.setSoTimeout(timeoutMillis); // a server that stalls the handshake does not hang the caller
            tls.startHandshake();
            tls.setSoTimeout(before);
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static void configure(SSLSocket socket) throws IOException {
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm(HOST_NAME_CHECK);
        String protocols = System.getProperty("javax.rmi.ssl.client.enabledProtocols");
        if (protocols != null) {
            params.setProtocols(protocols.split(","));
        }
        String suites = System.getProperty("javax.rmi.ssl.client.enabledCipherSuites");
        if (suites != null) {
            params.setCipherSuites(suites.split(","));
        }
        try {
            socket.setSSLParameters(params);
        } catch (IllegalArgumentException e) {
            throw new IOException("javax.rmi.ssl.client.enabledProtocols or enabledCipherSuites names something this"
                    + " Java does not support: " + e.getMessage(), e);
        }
    }

    /**
     * Every instance makes the same sockets: RMI compares the factories of two stubs to
     * decide whether they may share a connection, so all instances are equal.
     */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == TlsClientSocketFactory.class;
    }

    @Override
    public int hashCode() {
        return TlsClientSocketFactory.class.getName().hashCode();
    }

    @Override
    public String toString() {
        return "TlsClientSocketFactory[host names checked]";
    }
}
