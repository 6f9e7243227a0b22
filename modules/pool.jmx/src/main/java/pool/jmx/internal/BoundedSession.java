package pool.jmx.internal;

import java.io.IOException;
import java.rmi.MarshalledObject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.InstanceNotFoundException;
import javax.management.ListenerNotFoundException;
import javax.management.ObjectName;
import javax.management.remote.rmi.RMIConnectionImpl;
import javax.management.remote.rmi.RMIServerImpl;
import javax.security.auth.Subject;

/**
 * One JMX session, holding at most {@link #MAX_LISTENERS} notification subscriptions in
 * the daemon. The JDK keeps every subscription a session adds (an id, its filter, about
 * 80 bytes) until the session removes it, however many: one logged-in client, even of
 * role monitor, adding a thousand per call on the same bean ran the packaged daemon's
 * 256 MiB heap out in 17 s, stopping every pool. Beyond the bound an add is refused, and
 * nothing of it added; the session goes on.
 *
 * <p>A subscription counts until the session removes it, or ends: the JDK also drops a
 * bean's subscriptions when the bean leaves (a pool a reload removed), which this does not
 * see; such a subscription keeps counting, so a session that outlives 1,024 removed
 * subscriptions is refused further ones until it reconnects.
 */
final class BoundedSession extends RMIConnectionImpl {

    /**
     * Subscriptions one session holds at most: JConsole and VisualVM subscribe to the beans
     * a user opens, one each; a monitoring client subscribing to every pool, tenant and
     * replica of a large daemon stays below it. 1,024 of them cost about 80 KiB.
     */
    static final int MAX_LISTENERS = 1024;

    private final String user;
    private final Object lock = new Object();
    /** The ids of this session's subscriptions: what it adds, less what it removes. */
    private final Set<Integer> listening = new HashSet<>();
    /** Subscriptions being added now, counted before they exist so that concurrent adds cannot pass the bound together. */
    private int adding;

    BoundedSession(RMIServerImpl server, String connectionId, ClassLoader loader, Subject subject, Map<String, ?> env,
                   String user) {
        super(server, connectionId, loader, subject, env);
        this.user = user;
    }

    @Override
    @SuppressWarnings("rawtypes") // the RMIConnection signature
    public Integer[] addNotificationListeners(ObjectName[] names, MarshalledObject[] filters,
                                              Subject[] delegationSubjects) throws InstanceNotFoundException, IOException {
        int wanted = names == null ? 0 : names.length;
        synchronized (lock) {
            if (listening.size() + adding + wanted > MAX_LISTENERS) {
                throw new SecurityException("JMX user '" + user + "': a session holds at most " + MAX_LISTENERS
                        + " notification subscriptions, and this one has " + listening.size()
                        + ": remove some, or listen in another session");
            }
            adding += wanted;
        }
        Integer[] ids = null;
        try {
            ids = super.addNotificationListeners(names, filters, delegationSubjects);
            return ids;
        } finally {
            synchronized (lock) {
                adding -= wanted;
                if (ids != null) {
                    listening.addAll(Arrays.asList(ids));
                }
            }
        }
    }

    /** Forgets the ids once removed; a removal that fails may have removed some of them, which keep counting. */
    @Override
    public void removeNotificationListeners(ObjectName name, Integer[] listenerIDs, Subject delegationSubject)
            throws InstanceNotFoundException, ListenerNotFoundException, IOException {
        super.removeNotificationListeners(name, listenerIDs, delegationSubject);
        synchronized (lock) {
            listening.removeAll(Arrays.asList(listenerIDs));
        }
    }

    /** @return how many subscriptions the session holds now */
    int subscriptions() {
        synchronized (lock) {
            return listening.size();
        }
    }
}
