package pool.jmx.internal;

import java.util.List;

/**
 * The serialization filter of a logged-in JMX session
 * ({@code jmx.remote.rmi.server.serial.filter.pattern}): what a client may send to
 * poold's beans, and nothing else. It applies to the arguments of every call on the
 * session and, through {@link java.rmi.MarshalledObject}, to the parameters, attributes
 * and notification filters wrapped inside them.
 */
public final class RequestFilter {

    /** The classes a client of poold's beans sends; any other class is rejected. */
    static final List<String> CLASSES = List.of(
            // The arguments of the connection's calls: names, attribute names, signatures,
            // listener ids, and parameters wrapped for unwrapping with the bean's loader.
            "javax.management.ObjectName",
            "java.rmi.MarshalledObject",
            // Attribute writes (AttributeList is an ArrayList of Attribute).
            "javax.management.Attribute",
            "javax.management.AttributeList",
            "java.util.ArrayList",
            // Values: every writable attribute and operation parameter of poold's beans is a
            // String or a primitive; arrays of these (and Object[] of invoke's parameters)
            // are judged by their element type. Number is the boxed numbers' superclass.
            "java.lang.String",
            "java.lang.Boolean",
            "java.lang.Character",
            "java.lang.Byte",
            "java.lang.Short",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Float",
            "java.lang.Double",
            "java.lang.Number",
            "java.lang.Object",
            // Notification filters a subscription may carry (they keep their lists in a Vector).
            "javax.management.NotificationFilterSupport",
            "javax.management.AttributeChangeNotificationFilter",
            "javax.management.relation.MBeanServerNotificationFilter",
            "java.util.Vector");

    /**
     * Bounds per call: deep enough for a filter's Vector of names inside a MarshalledObject,
     * wide enough for a getAttributes of every attribute of a bean.
     */
    static final String LIMITS = "maxdepth=8;maxrefs=1024;maxarray=1024;maxbytes=1048576";

    /**
     * The pattern. Not admitted: open-type data (no writable attribute or operation
     * parameter of poold's beans is a composite or a table), and query expressions (a
     * query could read attributes of any bean; poolctl, JConsole and VisualVM query by name).
     */
    public static final String PATTERN = LIMITS + ";" + String.join(";", CLASSES) + ";!*";

    private RequestFilter() {
    }
}
