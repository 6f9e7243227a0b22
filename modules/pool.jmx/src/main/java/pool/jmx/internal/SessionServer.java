package pool.jmx.internal;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.remote.rmi.RMIConnection;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.security.auth.Subject;
import pool.jmx.JmxAccount;
import pool.jmx.JmxUsers;

/**
 * The connector's RMI server object, which remembers the login of each open session so
 * that the sessions of a user a reload removed, or gave another password, can be closed.
 * Every request is checked anyway ({@link Sessions}); closing matters for notifications,
 * which a session fetches without a request the MBean server sees.
 *
 * <p>It also bounds what logged-in users hold in the daemon: each session costs a platform
 * thread (the JDK's connection timeout runs on one) and its notification subscriptions
 * ({@link BoundedSession}), so a user has at most {@link #MAX_SESSIONS_PER_USER} sessions
 * open. Without the bound one user's logins, four a second, each kept busy, would make
 * threads until the unit's {@code TasksMax} stopped the pools from making any.
 */
public final class SessionServer extends RMIJRMPServerImpl {

    /**
     * Sessions one JMX user may have open at once: JConsole, VisualVM, poolctl runs and a
     * monitoring agent need a handful. A session a client left without closing counts until
     * the daemon finds the client gone: the JDK closes a session without requests for 2
     * minutes, RMI one whose client stopped renewing its lease for 10.
     */
    public static final int MAX_SESSIONS_PER_USER = 32;

    private static final System.Logger LOG = System.getLogger("poold.jmx");

    /** Open sessions and their logins; RMIConnectionImpl has identity equality. */
    private final Map<RMIConnection, JmxAccount> open = new ConcurrentHashMap<>();
    /** Held while a session is counted and made, so that concurrent logins cannot pass the bound together. */
    private final Object admission = new Object();
    private final int port;
    private final RMIClientSocketFactory csf;
    private final RMIServerSocketFactory ssf;
    private final Map<String, ?> env;
    /** What a session's calls may deserialize: as the JDK's own export applies it. */
    private final ObjectInputFilter filter;

    public SessionServer(int port, RMIClientSocketFactory csf, RMIServerSocketFactory ssf, Map<String, ?> env)
            throws IOException {
        super(port, csf, ssf, env);
        this.port = port;
        this.csf = csf;
        this.ssf = ssf;
        this.env = env;
        String pattern = (String) env.get(RMIConnectorServer.SERIAL_FILTER_PATTERN);
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("a JMX session needs a serial filter pattern");
        }
        this.filter = ObjectInputFilter.Config.createFilter(pattern);
    }

    /**
     * Makes the session as the JDK does ({@code RMIJRMPServerImpl.makeClient}: exported on
     * the connector's port and sockets, behind its serial filter), but bounded.
     *
     * @throws SecurityException when the user has {@link #MAX_SESSIONS_PER_USER} open; the
     *                           client sees it as a refused login
     */
    @Override
    protected RMIConnection makeClient(String connectionId, Subject subject) throws IOException {
        JmxAccount login = Sessions.loginOf(subject);
        if (login == null) {
            throw new SecurityException("poold's JMX connector serves logged-in users only");
        }
        BoundedSession session;
        synchronized (admission) {
            long mine = open.values().stream().filter(a -> a.name().equals(login.name())).count();
            if (mine >= MAX_SESSIONS_PER_USER) {
                LOG.log(System.Logger.Level.WARNING, "JMX user {0} was refused a session: {1} are open, the most one"
                        + " user may have", login.name(), Long.toString(mine));
                throw new SecurityException("JMX user '" + login.name() + "' has " + mine + " sessions open, the most"
                        + " one user may have: close one (a JConsole, VisualVM or poolctl connection), or wait for"
                        + " the daemon to close those of clients that are gone (within minutes)");
            }
            session = new BoundedSession(this, connectionId, getDefaultClassLoader(), subject, env, login.name());
            open.put(session, login);
        }
        try {
            UnicastRemoteObject.exportObject(session, port, csf, ssf, filter);
        } catch (IOException | RuntimeException e) {
            open.remove(session);
            try {
                session.close(); // stops its timeout thread
            } catch (IOException notExported) {
                // its unexport found nothing exported: nothing else to undo
            }
            throw e;
        }
        return session;
    }

    @Override
    protected void closeClient(RMIConnection session) throws IOException {
        open.remove(session);
        super.closeClient(session);
    }

    /**
     * Releases every open session's subscriptions to {@code bean}, which was unregistered
     * (the JDK dropped them): they no longer count against the session's bounds.
     */
    public void beanLeft(javax.management.ObjectName bean) {
        for (RMIConnection session : open.keySet()) {
            if (session instanceof BoundedSession b) {
                b.beanLeft(bean);
            }
        }
    }

    /** @return how many sessions are open now */
    public int openSessions() {
        return open.size();
    }

    /**
     * Closes every open session whose user {@code users} no longer has, or has with
     * another password. A session whose role changed stays: its next request is held to
     * the new role.
     *
     * @return how many sessions were closed
     */
    public int closeEnded(JmxUsers users) {
        int closed = 0;
        for (Map.Entry<RMIConnection, JmxAccount> e : open.entrySet()) {
            JmxAccount login = e.getValue();
            if (!login.sameLogin(users.find(login.name()))) {
                try {
                    e.getKey().close();
                } catch (IOException ignored) {
                    // Unexporting a session that is gone already: nothing left to close.
                }
                open.remove(e.getKey());
                closed++;
            }
        }
        return closed;
    }
}
