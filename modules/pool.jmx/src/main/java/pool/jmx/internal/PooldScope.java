package pool.jmx.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerDelegate;
import javax.management.ObjectName;

/**
 * What a JMX session sees: the {@code poold} domain and nothing else. Any other name is
 * treated as absent, so a client cannot tell a hidden bean from one that does not exist.
 */
final class PooldScope {

    static final String DOMAIN = "poold";

    private PooldScope() {
    }

    static boolean visible(ObjectName name) {
        return name != null && !name.isDomainPattern() && DOMAIN.equals(name.getDomain());
    }

    /** @throws InstanceNotFoundException for a hidden name, as the MBean server says of an absent one */
    static ObjectName require(ObjectName name) throws InstanceNotFoundException {
        if (!visible(name)) {
            throw new InstanceNotFoundException(String.valueOf(name));
        }
        return name;
    }

    /**
     * Names the connector's own notification buffer may listen to: the visible ones, and
     * the MBean server delegate, whose registration notifications tell the buffer of new
     * pools' beans. Clients cannot reach the delegate (see {@link PooldOnlyForwarder}).
     */
    static ObjectName requireListenable(ObjectName name) throws InstanceNotFoundException {
        return MBeanServerDelegate.DELEGATE_NAME.equals(name) ? name : require(name);
    }

    /** @return the members of {@code all} whose name is visible, in their order */
    static <T> Set<T> only(Set<T> all, Function<T, ObjectName> nameOf) {
        Set<T> visible = new LinkedHashSet<>();
        for (T t : all) {
            if (visible(nameOf.apply(t))) {
                visible.add(t);
            }
        }
        return visible;
    }
}
