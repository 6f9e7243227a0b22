package pool.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.rmi.RemoteException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import pool.api.ConnectionPool;
import pool.daemon.config.DaemonSettings;
import pool.daemon.config.TlsConfig;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.TlsSettings;
import pool.remote.Users;

/**
 * Publishes the daemon's pools through {@code pool.remote}: an RMI registry on
 * {@code listenAddress:rmiRegistryPort}, each pool bound as {@code pools/<name>}.
 */
final class RmiPublisher implements Publisher {

    private static final Logger LOG = System.getLogger("poold");

    private final RemoteServer server;

    private RmiPublisher(RemoteServer server) {
        this.server = server;
    }

    static Publisher start(DaemonSettings d) throws ConfigException {
        RemoteServerConfig config = RemoteServerConfig.defaults().withHost(d.listenAddress())
                .withPort(d.rmiRegistryPort()).withLease(d.remoteLease()).withTickets(d.ticketLimits())
                .withConnections(d.connectionLimits());
        if (d.tls() != null) {
            config = config.withTls(tls(d.tls()));
        }
        try {
            return new RmiPublisher(RemoteServer.start(config));
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot start the RMI registry on " + d.listenAddress() + ":"
                    + d.rmiRegistryPort() + ": " + rootMessage(e) + " (is another poold or RMI registry running there?"
                    + " choose another <rmiRegistryPort> or <listenAddress>)"));
        }
    }

    private static TlsSettings tls(TlsConfig t) throws ConfigException {
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
                    + rootMessage(e)));
        }
    }

    private static KeyStore load(TlsConfig t, java.nio.file.Path file, String type, char[] password, String element)
            throws ConfigException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
            return store;
        } catch (IOException e) {
            // A wrong password shows as an IOException whose cause is UnrecoverableKeyException.
            throw new ConfigException(List.of(t.location() + ": tls: cannot read " + element + " " + file + " (type "
                    + type + "): " + rootMessage(e) + " (check the path, the file's permissions, the type and the"
                    + " password)"));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
    }

    @Override
    public void publish(ConnectionPool pool, Map<String, String> users) {
        try {
            server.publish(pool, Users.ofEncoded(users));
        } catch (RemoteException e) {
            LOG.log(Level.ERROR, "pool ''{0}'' could not be published for remote clients: {1}", pool.name(),
                    e.getMessage());
        }
    }

    @Override
    public void unpublish(String name) {
        if (server.unpublish(name)) {
            LOG.log(Level.INFO, "pool ''{0}'' unpublished: remote clients can no longer borrow from it", name);
        }
    }

    @Override
    public Set<String> published() {
        return server.published();
    }

    @Override
    public boolean drain(java.time.Duration timeout) {
        return server.drain(timeout);
    }

    @Override
    public void close() {
        server.close();
    }
}
