package pool.jmx.internal;

import java.io.ObjectInputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.IntrospectionException;
import javax.management.InvalidAttributeValueException;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.ObjectInstance;
import javax.management.ObjectName;
import javax.management.QueryExp;
import javax.management.ReflectionException;
import javax.management.loading.ClassLoaderRepository;
import javax.management.remote.MBeanServerForwarder;
import pool.jmx.JmxAccount;
import pool.jmx.JmxRole;

/**
 * What a JMX session may do, between the connector and the MBean server.
 *
 * <ul>
 *   <li>Only the {@code poold} domain is visible ({@link PooldScope}): queries and
 *       {@code getDomains} show nothing else, and any other name is absent. This includes
 *       {@code JMImplementation:type=MBeanServerDelegate}: its registration notifications
 *       name every MBean of the JVM and its attributes the host and the JVM version.
 *       JConsole copes (it catches the delegate's absence and builds its tree from
 *       {@code queryNames}), at the price of not seeing pools a reload adds until it
 *       reconnects.</li>
 *   <li>Nobody creates, registers, unregisters, instantiates or deserializes through the
 *       connector, and no class loader is handed out.</li>
 *   <li>Role {@code monitor} reads attributes and MBean info, queries, listens for
 *       notifications and invokes {@link pool.jmx.ReadOnly} operations; role
 *       {@code operate} also writes attributes and invokes every operation, each change
 *       logged by {@link AuditedChanges}.</li>
 *   <li>The login is checked on every request against the configuration in force
 *       ({@link Sessions}).</li>
 * </ul>
 *
 * Some calls come from the connector itself, never from a client: the overloads that take
 * a {@link NotificationListener} object (its notification buffer listening to the beans),
 * queries with a {@link QueryExp} (the buffer asking which beans emit notifications; of
 * a client's queries only an {@code ObjectName}, itself a QueryExp, passes the serial
 * filter, and it can but match names among the visible ones) and the class loader lookups
 * it makes before unwrapping a client's parameters. The buffer may run on the thread of
 * whichever client first subscribes, so these calls do not depend on that client's login;
 * they are held to the visible names all the same.
 */
public final class PooldOnlyForwarder implements MBeanServerForwarder {

    private final Sessions sessions;
    private final AuditedChanges changes;
    private MBeanServer server;

    public PooldOnlyForwarder(Sessions sessions, System.Logger audit) {
        this.sessions = sessions;
        this.changes = new AuditedChanges(audit);
    }

    @Override
    public MBeanServer getMBeanServer() {
        return server;
    }

    @Override
    public void setMBeanServer(MBeanServer mbs) {
        this.server = mbs;
    }

    // ---- reads: any logged-in user ----

    @Override
    public Object getAttribute(ObjectName name, String attribute)
            throws MBeanException, AttributeNotFoundException, InstanceNotFoundException, ReflectionException {
        sessions.callerIfAny();
        return server.getAttribute(PooldScope.require(name), attribute);
    }

    @Override
    public AttributeList getAttributes(ObjectName name, String[] attributes)
            throws InstanceNotFoundException, ReflectionException {
        sessions.callerIfAny();
        return server.getAttributes(PooldScope.require(name), attributes);
    }

    @Override
    public MBeanInfo getMBeanInfo(ObjectName name)
            throws InstanceNotFoundException, IntrospectionException, ReflectionException {
        sessions.callerIfAny();
        return server.getMBeanInfo(PooldScope.require(name));
    }

    @Override
    public ObjectInstance getObjectInstance(ObjectName name) throws InstanceNotFoundException {
        sessions.callerIfAny();
        return server.getObjectInstance(PooldScope.require(name));
    }

    @Override
    public boolean isRegistered(ObjectName name) {
        sessions.callerIfAny();
        return PooldScope.visible(name) && server.isRegistered(name);
    }

    /** Also how a client's subscription is checked: the connector asks whether the bean emits notifications. */
    @Override
    public boolean isInstanceOf(ObjectName name, String className) throws InstanceNotFoundException {
        sessions.callerIfAny();
        return server.isInstanceOf(PooldScope.require(name), className);
    }

    @Override
    public Set<ObjectName> queryNames(ObjectName name, QueryExp query) {
        if (query != null) {
            return connectorsQuery(name, query);
        }
        sessions.callerIfAny();
        return PooldScope.only(server.queryNames(name, null), n -> n);
    }

    @Override
    public Set<ObjectInstance> queryMBeans(ObjectName name, QueryExp query) {
        if (query != null) {
            Set<ObjectInstance> matching = new LinkedHashSet<>();
            for (ObjectName n : connectorsQuery(name, query)) {
                matching.addAll(server.queryMBeans(n, null));
            }
            return matching;
        }
        sessions.callerIfAny();
        return PooldScope.only(server.queryMBeans(name, null), ObjectInstance::getObjectName);
    }

    /** The query is evaluated on visible beans only: it may read their attributes, and no other bean's. */
    private Set<ObjectName> connectorsQuery(ObjectName name, QueryExp query) {
        Set<ObjectName> matching = new LinkedHashSet<>();
        for (ObjectName n : PooldScope.only(server.queryNames(name, null), x -> x)) {
            matching.addAll(server.queryNames(n, query));
        }
        return matching;
    }

    @Override
    public Integer getMBeanCount() {
        sessions.callerIfAny();
        return PooldScope.only(server.queryNames(null, null), n -> n).size();
    }

    @Override
    public String[] getDomains() {
        sessions.callerIfAny();
        return Arrays.stream(server.getDomains()).filter(PooldScope.DOMAIN::equals).toArray(String[]::new);
    }

    @Override
    public String getDefaultDomain() {
        sessions.callerIfAny();
        return server.getDefaultDomain();
    }

    // ---- changes: role operate, logged ----

    @Override
    public void setAttribute(ObjectName name, Attribute attribute) throws InstanceNotFoundException,
            AttributeNotFoundException, InvalidAttributeValueException, MBeanException, ReflectionException {
        JmxAccount who = sessions.caller();
        PooldScope.require(name);
        requireOperate(who, "setting " + attribute.getName() + " of " + name);
        changes.setAttribute(who, server, name, attribute);
    }

    @Override
    public AttributeList setAttributes(ObjectName name, AttributeList attributes)
            throws InstanceNotFoundException, ReflectionException {
        JmxAccount who = sessions.caller();
        PooldScope.require(name);
        requireOperate(who, "setting attributes of " + name);
        return changes.setAttributes(who, server, name, attributes);
    }

    @Override
    public Object invoke(ObjectName name, String operationName, Object[] params, String[] signature)
            throws InstanceNotFoundException, MBeanException, ReflectionException {
        JmxAccount who = sessions.caller();
        PooldScope.require(name);
        if (readOnly(name, operationName, signature)) {
            PlainValues.requireParameters(params, operationName);
            return server.invoke(name, operationName, params, signature);
        }
        requireOperate(who, "invoking " + operationName + " on " + name);
        return changes.invoke(who, server, name, operationName, params, signature);
    }

    private void requireOperate(JmxAccount who, String what) {
        if (!who.role().includes(JmxRole.OPERATE)) {
            changes.refused(who, what);
            throw Sessions.lacks(who, JmxRole.OPERATE, what);
        }
    }

    /** @return whether the bean declares this operation {@link pool.jmx.ReadOnly} (impact INFO) */
    private boolean readOnly(ObjectName name, String operation, String[] signature)
            throws InstanceNotFoundException, ReflectionException {
        MBeanInfo info;
        try {
            info = server.getMBeanInfo(name);
        } catch (IntrospectionException e) {
            return false;
        }
        String[] wanted = signature == null ? new String[0] : signature;
        for (MBeanOperationInfo op : info.getOperations()) {
            if (op.getImpact() == MBeanOperationInfo.INFO && op.getName().equals(operation)
                    && Arrays.equals(Arrays.stream(op.getSignature()).map(MBeanParameterInfo::getType)
                            .toArray(String[]::new), wanted)) {
                return true;
            }
        }
        return false;
    }

    // ---- notifications ----

    /** The connector's own notification buffer (clients subscribe through {@link #isInstanceOf}). */
    @Override
    public void addNotificationListener(ObjectName name, NotificationListener listener, NotificationFilter filter,
                                        Object handback) throws InstanceNotFoundException {
        server.addNotificationListener(PooldScope.requireListenable(name), listener, filter, handback);
    }

    @Override
    public void removeNotificationListener(ObjectName name, NotificationListener listener)
            throws InstanceNotFoundException, ListenerNotFoundException {
        server.removeNotificationListener(PooldScope.requireListenable(name), listener);
    }

    @Override
    public void removeNotificationListener(ObjectName name, NotificationListener listener, NotificationFilter filter,
                                           Object handback) throws InstanceNotFoundException, ListenerNotFoundException {
        server.removeNotificationListener(PooldScope.requireListenable(name), listener, filter, handback);
    }

    /** Refused: it would make one bean a listener of another on a client's behalf, and no poold bean listens. */
    @Override
    public void addNotificationListener(ObjectName name, ObjectName listener, NotificationFilter filter,
                                        Object handback) {
        throw notOffered("making an MBean listen to another");
    }

    @Override
    public void removeNotificationListener(ObjectName name, ObjectName listener) {
        throw notOffered("making an MBean listen to another");
    }

    @Override
    public void removeNotificationListener(ObjectName name, ObjectName listener, NotificationFilter filter,
                                           Object handback) {
        throw notOffered("making an MBean listen to another");
    }

    // ---- never offered ----

    @Override
    public ObjectInstance createMBean(String className, ObjectName name) {
        throw notOffered("createMBean");
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name, ObjectName loaderName) {
        throw notOffered("createMBean");
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name, Object[] params, String[] signature) {
        throw notOffered("createMBean");
    }

    @Override
    public ObjectInstance createMBean(String className, ObjectName name, ObjectName loaderName, Object[] params,
                                      String[] signature) {
        throw notOffered("createMBean");
    }

    @Override
    public ObjectInstance registerMBean(Object object, ObjectName name) {
        throw notOffered("registerMBean");
    }

    @Override
    public void unregisterMBean(ObjectName name) {
        throw notOffered("unregisterMBean");
    }

    @Override
    public Object instantiate(String className) {
        throw notOffered("instantiate");
    }

    @Override
    public Object instantiate(String className, ObjectName loaderName) {
        throw notOffered("instantiate");
    }

    @Override
    public Object instantiate(String className, Object[] params, String[] signature) {
        throw notOffered("instantiate");
    }

    @Override
    public Object instantiate(String className, ObjectName loaderName, Object[] params, String[] signature) {
        throw notOffered("instantiate");
    }

    @Override
    @SuppressWarnings("deprecation")
    public ObjectInputStream deserialize(ObjectName name, byte[] data) {
        throw notOffered("deserialize");
    }

    @Override
    @SuppressWarnings("deprecation")
    public ObjectInputStream deserialize(String className, byte[] data) {
        throw notOffered("deserialize");
    }

    @Override
    @SuppressWarnings("deprecation")
    public ObjectInputStream deserialize(String className, ObjectName loaderName, byte[] data) {
        throw notOffered("deserialize");
    }

    @Override
    public ClassLoader getClassLoader(ObjectName loaderName) {
        throw notOffered("getClassLoader");
    }

    /**
     * The connector asks before it unwraps a client's parameters for a bean. A visible
     * bean gets the platform class loader: the parameters poold's beans take are all JDK
     * types, and the bean's own loader is not handed out.
     */
    @Override
    public ClassLoader getClassLoaderFor(ObjectName mbeanName) throws InstanceNotFoundException {
        PooldScope.require(mbeanName);
        return ClassLoader.getPlatformClassLoader();
    }

    @Override
    public ClassLoaderRepository getClassLoaderRepository() {
        return EmptyClassLoaderRepository.INSTANCE;
    }

    private static SecurityException notOffered(String what) {
        return new SecurityException("poold's JMX connector does not offer " + what
                + ": it serves the poold beans as they are");
    }
}
