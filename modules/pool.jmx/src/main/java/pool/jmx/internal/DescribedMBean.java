package pool.jmx.internal;

import java.lang.reflect.Method;
import java.util.Arrays;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.StandardEmitterMBean;
import pool.jmx.Description;
import pool.jmx.ReadOnly;

/**
 * An MXBean whose attributes, operations and parameters carry the descriptions and names
 * of its interface's {@link Description} annotations, and which emits notifications.
 */
public final class DescribedMBean<T> extends StandardEmitterMBean {

    private final Class<T> type;

    public DescribedMBean(T impl, Class<T> type, NotificationBroadcasterSupport emitter) {
        super(impl, type, true, emitter);
        this.type = type;
    }

    /** @return a described MXBean over a pool bean */
    public static DescribedMBean<pool.jmx.PoolMXBean> of(PoolBean bean) {
        return new DescribedMBean<>(bean, pool.jmx.PoolMXBean.class, bean.broadcaster());
    }

    /** @return a described MXBean over a replica bean (it sends no notifications: the pool's bean does) */
    public static DescribedMBean<pool.jmx.ReplicaMXBean> of(ReplicaBean bean) {
        return new DescribedMBean<>(bean, pool.jmx.ReplicaMXBean.class, new NotificationBroadcasterSupport());
    }

    /**
     * Reads the attributes of one call from one snapshot where the bean takes one: a tenant's
     * figures come from the stats of all the pool's tenants, so a scrape reading a dozen of
     * them would otherwise compute those a dozen times, per tenant; a pool's gauges read one
     * by one could disagree (active plus idle not total) under load.
     */
    @Override
    public javax.management.AttributeList getAttributes(String[] names) {
        if (names != null && names.length > 1) {
            if (getImplementation() instanceof OneReadSnapshot.Reads bean) {
                return bean.withOneSnapshot(() -> super.getAttributes(names));
            }
        }
        return super.getAttributes(names);
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return "poold " + type.getSimpleName().replace("MXBean", "").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        for (String prefix : new String[] {"get", "is"}) {
            Description d = described(prefix + info.getName(), 0);
            if (d != null) {
                return d.value();
            }
        }
        return info.getDescription();
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        Description d = described(info.getName(), info.getSignature().length);
        return d != null ? d.value() : info.getDescription();
    }

    /** {@code INFO} for a {@link ReadOnly} operation, which monitor users may invoke; {@code ACTION} for the rest. */
    @Override
    protected int getImpact(MBeanOperationInfo info) {
        Method m = method(info.getName(), info.getSignature().length);
        return m != null && m.isAnnotationPresent(ReadOnly.class) ? MBeanOperationInfo.INFO : MBeanOperationInfo.ACTION;
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        Description d = parameter(op, sequence);
        return d != null ? d.value() : param.getDescription();
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        Description d = parameter(op, sequence);
        return d != null && !d.name().isEmpty() ? d.name() : param.getName();
    }

    private Description parameter(MBeanOperationInfo op, int sequence) {
        Method m = method(op.getName(), op.getSignature().length);
        if (m == null) {
            return null;
        }
        return Arrays.stream(m.getParameterAnnotations()[sequence]).filter(Description.class::isInstance)
                .map(Description.class::cast).findFirst().orElse(null);
    }

    private Description described(String methodName, int parameters) {
        Method m = method(methodName, parameters);
        return m == null ? null : m.getAnnotation(Description.class);
    }

    private Method method(String name, int parameters) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == parameters) {
                return m;
            }
        }
        return null;
    }
}
