package pool.jmx.internal;

import java.io.IOException;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.remote.rmi.RMIConnection;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.security.auth.Subject;
import pool.jmx.JmxAccount;
import pool.jmx.JmxUsers;

/**
 * The connector's RMI server object, which remembers the login of each open session so
 * that the sessions of a user a reload removed, or gave another password, can be closed.
 * Every request is checked anyway ({@link Sessions}); closing matters for notifications,
 * which a session fetches without a request the MBean server sees.
 */
public final class SessionServer extends RMIJRMPServerImpl {

    /** Open sessions and their logins; RMIConnectionImpl has identity equality. */
    private final Map<RMIConnection, JmxAccount> open = new ConcurrentHashMap<>();

    public SessionServer(int port, RMIClientSocketFactory csf, RMIServerSocketFactory ssf, Map<String, ?> env)
            throws IOException {
        super(port, csf, ssf, env);
    }

    @Override
    protected RMIConnection makeClient(String connectionId, Subject subject) throws IOException {
        RMIConnection session = super.makeClient(connectionId, subject);
        JmxAccount login = Sessions.loginOf(subject);
        if (login != null) {
            open.put(session, login);
        }
        return session;
    }

    @Override
    protected void closeClient(RMIConnection session) throws IOException {
        open.remove(session);
        super.closeClient(session);
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
