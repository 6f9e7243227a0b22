package pool.jmx.internal;

import java.io.IOException;
import java.rmi.MarshalledObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.InstanceNotFoundException;
import javax.management.ListenerNotFoundException;
import javax.management.ObjectName;
import javax.management.remote.NotificationResult;
import javax.management.remote.rmi.RMIConnectionImpl;
import javax.management.remote.rmi.RMIServerImpl;
import javax.security.auth.Subject;

/**
 * One JMX session, bounded in what its notification subscriptions cost the daemon. The
 * JDK keeps every subscription a session adds (an id, its filter, about 80 bytes) until
 * the session removes it, and answers a fetch with one entry per subscription a
 * notification matches, for as many notifications as the client asks (of the last 1,000
 * the connector keeps). One logged-in client, even of role monitor, adding a thousand
 * subscriptions per call to one bean ran the packaged daemon's 256 MiB heap out in 17 s;
 * six sessions of a thousand each, fetching everything at once, in one fetch each. So a
 * session holds at most {@link #MAX_LISTENERS} subscriptions, at most
 * {@link #MAX_LISTENERS_PER_BEAN} of them to one bean, and a fetch returns at most
 * {@link #MAX_NOTIFICATIONS_PER_FETCH} notifications (the client fetches the rest next,
 * nothing is lost). Beyond a bound an add is refused, nothing of it added; the session goes on.
 *
 * <p>A subscription counts until the session removes it, the session ends, or its bean
 * leaves (a pool, tenant or replica a reload removed): the JDK drops a bean's subscriptions
 * then, and {@link #beanLeft} releases them here too, so a long-lived session (a monitoring
 * agent across many reloads) never runs out of subscriptions it no longer has.
 */
final class BoundedSession extends RMIConnectionImpl {

    /**
     * Subscriptions one session holds at most: JConsole and VisualVM subscribe to the beans
     * a user opens, one each; a monitoring client subscribing to every pool, tenant and
     * replica of a large daemon stays below it. 1,024 of them cost about 80 KiB.
     */
    static final int MAX_LISTENERS = 1024;
    /** Subscriptions of one session to one bean: a client listens once, or once per notification type. */
    static final int MAX_LISTENERS_PER_BEAN = 16;
    /**
     * Notifications one fetch returns at most (the JDK's client asks for 1,000): with at
     * most {@link #MAX_LISTENERS_PER_BEAN} entries each, a reply holds at most 1,600.
     */
    static final int MAX_NOTIFICATIONS_PER_FETCH = 100;

    private final String user;
    private final Object lock = new Object();
    /** This session's subscriptions, each id to its bean: what it adds, less what it removes. */
    private final Map<Integer, ObjectName> subscriptions = new HashMap<>();
    /** Subscriptions per bean, those being added now included. */
    private final Map<ObjectName, Integer> perBean = new HashMap<>();
    /** Subscriptions being added now, counted before they exist so that concurrent adds cannot pass the bounds together. */
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
        List<ObjectName> beans = names == null ? List.of() : Arrays.asList(names);
        reserve(beans);
        Integer[] ids = null;
        try {
            ids = super.addNotificationListeners(names, filters, delegationSubjects);
            return ids;
        } finally {
            synchronized (lock) {
                adding -= beans.size();
                for (int i = 0; i < beans.size(); i++) {
                    if (ids == null) {
                        forget(beans.get(i));
                    } else {
                        subscriptions.put(ids[i], beans.get(i));
                    }
                }
            }
        }
    }

    private void reserve(List<ObjectName> beans) {
        Map<ObjectName, Integer> wanted = new HashMap<>();
        beans.forEach(b -> wanted.merge(b, 1, Integer::sum));
        synchronized (lock) {
            if (subscriptions.size() + adding + beans.size() > MAX_LISTENERS) {
                throw new SecurityException("JMX user '" + user + "': a session holds at most " + MAX_LISTENERS
                        + " notification subscriptions, and this one has " + subscriptions.size()
                        + ": remove some, or listen in another session");
            }
            for (Map.Entry<ObjectName, Integer> w : wanted.entrySet()) {
                int has = perBean.getOrDefault(w.getKey(), 0);
                if (has + w.getValue() > MAX_LISTENERS_PER_BEAN) {
                    throw new SecurityException("JMX user '" + user + "': a session holds at most "
                            + MAX_LISTENERS_PER_BEAN + " notification subscriptions to one bean, and this one has "
                            + has + " to " + w.getKey() + ": remove some, or listen in another session");
                }
            }
            adding += beans.size();
            wanted.forEach((b, n) -> perBean.merge(b, n, Integer::sum));
        }
    }

    /** Forgets the ids once removed; a removal that fails may have removed some of them, which keep counting. */
    @Override
    public void removeNotificationListeners(ObjectName name, Integer[] listenerIDs, Subject delegationSubject)
            throws InstanceNotFoundException, ListenerNotFoundException, IOException {
        super.removeNotificationListeners(name, listenerIDs, delegationSubject);
        synchronized (lock) {
            for (Integer id : listenerIDs) {
                ObjectName bean = subscriptions.remove(id);
                if (bean != null) {
                    forget(bean);
                }
            }
        }
    }

    /**
     * Releases this session's subscriptions to {@code bean}, which was unregistered: the JDK
     * dropped them with it, so they no longer cost the daemon anything.
     */
    void beanLeft(ObjectName bean) {
        synchronized (lock) {
            if (subscriptions.values().removeIf(bean::equals)) {
                perBean.remove(bean);
            }
        }
    }

    /** @return how many subscriptions this session holds now, as its bound counts them */
    int subscriptionCount() {
        synchronized (lock) {
            return subscriptions.size();
        }
    }

    /** Called with the lock held. */
    private void forget(ObjectName bean) {
        perBean.computeIfPresent(bean, (b, n) -> n == 1 ? null : n - 1);
    }

    @Override
    public NotificationResult fetchNotifications(long clientSequenceNumber, int maxNotifications, long timeout)
            throws IOException {
        return super.fetchNotifications(clientSequenceNumber, Math.min(maxNotifications, MAX_NOTIFICATIONS_PER_FETCH),
                timeout);
    }
}
