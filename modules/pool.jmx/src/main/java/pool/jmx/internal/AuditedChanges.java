package pool.jmx.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.InvalidAttributeValueException;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.RuntimeOperationsException;
import pool.jmx.JmxAccount;

/**
 * Makes the changes a JMX user asks for and logs each one: who, from which address, what
 * changed, and its value before and after. The old value of an attribute is read before
 * it is written; an operation whose effect is a pair of attributes (resize) is logged as
 * those attributes before and after; any other operation with its parameters and, in
 * short, its result. Failed changes and refused ones are logged too.
 */
final class AuditedChanges {

    /** Operations that change attributes, and those attributes. */
    private static final Map<String, List<String>> CHANGED_BY = Map.of("resize", List.of("MinIdle", "MaxSize"));
    /** A value or result longer than this is cut: the log says what changed, not all of it. */
    private static final int SHORT = 120;

    private final Logger log;

    AuditedChanges(Logger log) {
        this.log = log;
    }

    void setAttribute(JmxAccount who, MBeanServer server, ObjectName name, Attribute attribute)
            throws InstanceNotFoundException, AttributeNotFoundException, InvalidAttributeValueException,
            MBeanException, ReflectionException {
        plain(who, () -> PlainValues.require(attribute.getValue(), "the value of " + attribute.getName()));
        String old = read(server, name, attribute.getName());
        try {
            server.setAttribute(name, attribute);
        } catch (JMException | RuntimeException e) {
            log.log(Level.WARNING, "JMX user {0} from {1} failed to set {2} of {3} to {4}: {5}", who.name(), client(),
                    attribute.getName(), name, brief(attribute.getValue()), brief(rootMessage(e)));
            throw e;
        }
        log.log(Level.INFO, "JMX user {0} from {1} set {2} of {3}: {4} -> {5}", who.name(), client(),
                attribute.getName(), name, old, brief(attribute.getValue()));
    }

    AttributeList setAttributes(JmxAccount who, MBeanServer server, ObjectName name, AttributeList attributes)
            throws InstanceNotFoundException, ReflectionException {
        List<String> names = new ArrayList<>();
        for (Attribute a : attributes.asList()) {
            plain(who, () -> PlainValues.require(a.getValue(), "the value of " + a.getName()));
            names.add(a.getName());
        }
        Map<String, String> old = values(server.getAttributes(name, names.toArray(new String[0])));
        AttributeList set = server.setAttributes(name, attributes);
        Map<String, String> done = values(set);
        for (Attribute a : attributes.asList()) {
            if (done.containsKey(a.getName())) {
                log.log(Level.INFO, "JMX user {0} from {1} set {2} of {3}: {4} -> {5}", who.name(), client(),
                        a.getName(), name, old.getOrDefault(a.getName(), "?"), brief(a.getValue()));
            } else {
                log.log(Level.WARNING, "JMX user {0} from {1} failed to set {2} of {3} to {4}", who.name(), client(),
                        a.getName(), name, brief(a.getValue()));
            }
        }
        return set;
    }

    Object invoke(JmxAccount who, MBeanServer server, ObjectName name, String operation, Object[] params,
                  String[] signature) throws InstanceNotFoundException, MBeanException, ReflectionException {
        plain(who, () -> PlainValues.requireParameters(params, operation));
        String call = operation + "(" + String.join(", ", params == null ? List.of()
                : java.util.Arrays.stream(params).map(AuditedChanges::brief).toList()) + ")";
        List<String> watched = CHANGED_BY.getOrDefault(operation, List.of());
        Map<String, String> before = watched.isEmpty() ? Map.of()
                : values(server.getAttributes(name, watched.toArray(new String[0])));
        Object result;
        try {
            result = server.invoke(name, operation, params, signature);
        } catch (JMException | RuntimeException e) {
            log.log(Level.WARNING, "JMX user {0} from {1} invoked {2} on {3}: failed: {4}", who.name(), client(),
                    call, name, brief(rootMessage(e)));
            throw e;
        }
        String effect;
        if (before.isEmpty()) {
            effect = result == null ? "done" : "returned " + brief(result);
        } else {
            Map<String, String> after = values(server.getAttributes(name, watched.toArray(new String[0])));
            List<String> changes = new ArrayList<>();
            for (String attribute : watched) {
                changes.add(attribute + " " + before.getOrDefault(attribute, "?") + " -> "
                        + after.getOrDefault(attribute, "?"));
            }
            effect = String.join(", ", changes);
        }
        log.log(Level.INFO, "JMX user {0} from {1} invoked {2} on {3}: {4}", who.name(), client(), call, name, effect);
        return result;
    }

    /** Runs {@code check} of a client's values, logging its refusal before it reaches the client. */
    private void plain(JmxAccount who, Runnable check) {
        try {
            check.run();
        } catch (RuntimeOperationsException e) {
            log.log(Level.WARNING, "JMX user {0} from {1} was refused: {2}", who.name(), client(), e.getMessage());
            throw e;
        }
    }

    /** Logs a change refused for want of a role; the caller throws the refusal. */
    void refused(JmxAccount who, String what) {
        log.log(Level.WARNING, "JMX user {0} (role {1}) from {2} was refused: {3} needs role operate", who.name(),
                who.role().xmlName(), client(), what);
    }

    private static String read(MBeanServer server, ObjectName name, String attribute) {
        try {
            return brief(server.getAttribute(name, attribute));
        } catch (JMException | RuntimeException e) {
            return "?";
        }
    }

    private static Map<String, String> values(AttributeList list) {
        Map<String, String> m = new HashMap<>();
        for (Attribute a : list.asList()) {
            m.put(a.getName(), brief(a.getValue()));
        }
        return m;
    }

    /**
     * @return the first line of {@code value}, cut to {@value #SHORT} characters; a value of
     *         a type poold's beans neither take nor return is named by its class, never printed:
     *         a client's list that holds one list a few hundred times, each holding another
     *         so, fits in a few KiB and would take forever to print, and the daemon's heap with it
     */
    static String brief(Object value) {
        String s = value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character ? String.valueOf(value) : "(a " + value.getClass().getName() + ")";
        int newline = s.indexOf('\n');
        String first = newline < 0 ? s : s.substring(0, newline) + " ...";
        return first.length() <= SHORT ? first : first.substring(0, SHORT) + "... (" + s.length() + " characters)";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** @return the address of the client whose RMI call this thread serves */
    private static String client() {
        try {
            return RemoteServer.getClientHost();
        } catch (ServerNotActiveException e) {
            return "this process";
        }
    }
}
