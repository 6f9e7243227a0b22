package pool.jmx;

import java.util.Locale;

/**
 * What a JMX user may do through poold's connector. Both roles see the {@code poold}
 * domain only; neither may create, register or unregister MBeans.
 */
public enum JmxRole {
    /** Reads attributes and MBean info, queries names, receives notifications, runs read-only operations. */
    MONITOR,
    /** What {@link #MONITOR} may, and also writes attributes and invokes every operation. */
    OPERATE;

    /** @return the name the configuration and messages use: {@code monitor} or {@code operate} */
    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the role named {@code name} ({@code monitor} or {@code operate}), or null when there is none */
    public static JmxRole ofXmlName(String name) {
        for (JmxRole r : values()) {
            if (r.xmlName().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** @return whether this role includes everything {@code needed} allows */
    public boolean includes(JmxRole needed) {
        return compareTo(needed) >= 0;
    }
}
