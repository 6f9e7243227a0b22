package pool.daemon;

import java.io.ObjectInputFilter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.BinaryOperator;
import pool.protocol.ProtocolFilter;

/**
 * Logs every object a serialization filter rejects, so that an attempt to send the
 * daemon something outside its allow-lists shows in its log. The pools' filter
 * ({@link ProtocolFilter}) logs its own rejections, naming the client; this covers
 * the filters that do not log, chiefly the RMI registry's pattern filter.
 *
 * <p>Installed as the JVM's serial filter factory: a factory decorates the filter each
 * stream is given; it changes no decision (the default factory, too, hands every
 * stream the filter asked for).
 */
final class SerialRejections implements BinaryOperator<ObjectInputFilter> {

    private static final Logger LOG = System.getLogger("poold.serialization");

    private SerialRejections() {
    }

    /** Installs the factory; must run before any object stream exists in this JVM. */
    static void install() {
        ObjectInputFilter.Config.setSerialFilterFactory(new SerialRejections());
    }

    @Override
    public ObjectInputFilter apply(ObjectInputFilter current, ObjectInputFilter requested) {
        if (requested == null || requested instanceof Logging
                || requested.getClass().getModule() == ProtocolFilter.class.getModule()) {
            return requested;
        }
        return new Logging(requested);
    }

    private record Logging(ObjectInputFilter filter) implements ObjectInputFilter {
        @Override
        public Status checkInput(FilterInfo info) {
            Status status = filter.checkInput(info);
            if (status == Status.REJECTED) {
                LOG.log(Level.WARNING, "serialization rejected: {0} (depth {1}, references {2}, bytes {3}):"
                        + " not on the allow-list; nothing of it was instantiated",
                        info.serialClass() == null ? "limits exceeded" : "class " + info.serialClass().getName(),
                        info.depth(), info.references(), info.streamBytes());
            }
            return status;
        }
    }
}
