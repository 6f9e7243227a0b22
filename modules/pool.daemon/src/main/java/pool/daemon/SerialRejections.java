package pool.daemon;

import java.io.ObjectInputFilter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.BinaryOperator;
import pool.protocol.ProtocolFilter;

/**
 * The daemon's JVM-wide serialization rule, installed as the serial filter factory: an
 * object stream deserializes only what a filter of its own admits, and a stream that
 * sets none deserializes no object at all. RMI's exported objects (the pools'
 * {@link ProtocolFilter}, the registry's and the distributed GC's filters) and the JMX
 * connector set their own filters, so they work as before; what has none is a library
 * reading objects by itself, such as a JDBC driver deserializing a {@code JAVA_OBJECT}
 * value a client stored, and that must not run a gadget chain inside the daemon.
 *
 * <p>Every rejection is logged, so that an attempt to send the daemon something
 * outside its allow-lists shows in its log. The pools' filter logs its own rejections,
 * naming the client, and is not wrapped again.
 *
 * <p>An operator's {@code -Djdk.serialFilter} does not widen the rule: a stream without
 * its own filter still deserializes nothing. (The factory sees that filter only as the
 * stream's starting point, never as a decision of the stream's own.)
 */
final class SerialRejections implements BinaryOperator<ObjectInputFilter> {

    private static final Logger LOG = System.getLogger("poold.serialization");

    /** What a stream without a filter of its own is given: every object refused. */
    static final ObjectInputFilter NOTHING = new Logging(info -> ObjectInputFilter.Status.REJECTED,
            "the stream has no filter of its own, and such streams deserialize nothing in poold");

    SerialRejections() {
    }

    /** Installs the factory; must run before any object stream exists in this JVM. */
    static void install() {
        ObjectInputFilter.Config.setSerialFilterFactory(new SerialRejections());
    }

    /**
     * @param current   the stream's filter so far: null while the stream is being made
     * @param requested the JVM-wide filter while the stream is being made, else the
     *                  stream's own, which it sets through {@code setObjectInputFilter}
     */
    @Override
    public ObjectInputFilter apply(ObjectInputFilter current, ObjectInputFilter requested) {
        if (current == null) {
            return NOTHING;
        }
        if (requested instanceof Logging || requested.getClass().getModule() == ProtocolFilter.class.getModule()) {
            return requested;
        }
        return new Logging(requested, "not on the allow-list");
    }

    private record Logging(ObjectInputFilter filter, String why) implements ObjectInputFilter {
        @Override
        public Status checkInput(FilterInfo info) {
            Status status = filter.checkInput(info);
            if (status == Status.REJECTED) {
                LOG.log(Level.WARNING, "serialization rejected: {0} (depth {1}, references {2}, bytes {3}): {4};"
                        + " nothing of it was instantiated",
                        info.serialClass() == null ? "limits exceeded" : "class " + info.serialClass().getName(),
                        info.depth(), info.references(), info.streamBytes(), why);
            }
            return status;
        }
    }
}
