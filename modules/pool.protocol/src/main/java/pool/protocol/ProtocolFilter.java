package pool.protocol;

import java.io.ObjectInputFilter;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The serialization allow-list of poold's RMI endpoints. Logins cross {@link RemotePool}
 * as {@code byte[]} frames of the {@link Wire} format and calls do not cross RMI at all
 * ({@link CallChannel}), so the only objects RMI ever has to deserialize for an endpoint
 * are the arguments of its methods: {@code byte[]} (a login frame, the ticket of
 * {@code renew} and {@code cancel}) and {@code long[]} (the sessions of {@code renew}).
 * No {@code String}: a filter never sees a string's length before the whole string is
 * read, which is why tickets travel as {@code byte[]} (the daemon bounds every RMI
 * request on its socket as well, {@link Protocol#MAX_RMI_REQUEST_BYTES}). Every other class
 * is rejected when its class descriptor is read, before any instance exists, so no
 * {@code readObject}, {@code readResolve} or constructor of a foreign class ever runs.
 * This package's records are not even {@code Serializable}: they travel only as frames.
 * Stream limits (depth, references, bytes, array length) bound what even an
 * allowed argument may cost: a frame longer than the array limit is refused before it
 * is allocated.
 */
public final class ProtocolFilter implements ObjectInputFilter {

    /**
     * Stream limits.
     *
     * @param maxDepth       deepest nesting of objects
     * @param maxReferences  most objects and references in one stream
     * @param maxBytes       most bytes one stream may consume
     * @param maxArrayLength longest array: the largest frame (a {@code byte[]}) or session list
     */
    public record Limits(long maxDepth, long maxReferences, long maxBytes, long maxArrayLength) {
        /**
         * An endpoint's arguments are at most two flat values ({@code long[]} or {@code byte[]})
         * at depth 1, and small: a login frame is a few hundred bytes, a renewal names at most
         * {@link Protocol#MAX_RENEW_SESSIONS} sessions. RMI reads them before anyone is
         * authenticated; the daemon's sockets already stop a request at
         * {@link Protocol#MAX_RMI_REQUEST_BYTES}, and these limits hold even where a stream
         * came through another socket: 1 MiB a stream, 131,072 elements an array.
         */
        public static final Limits DEFAULT = new Limits(2, 16, (1L << 20) + 4096, 1L << 17);
    }

    /** What an endpoint's methods take: a frame or a ticket, a list of sessions. */
    private static final Set<Class<?>> ALLOWED = Set.of(byte[].class, long[].class);

    private final Limits limits;
    private final Consumer<String> rejections;

    private ProtocolFilter(Limits limits, Consumer<String> rejections) {
        this.limits = limits;
        this.rejections = rejections;
    }

    /**
     * @param limits     stream limits
     * @param rejections told about every rejection (what and why), for the daemon's log
     * @return the filter
     */
    public static ProtocolFilter create(Limits limits, Consumer<String> rejections) {
        return new ProtocolFilter(limits, rejections);
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > limits.maxDepth()) {
            return reject("object graph deeper than " + limits.maxDepth());
        }
        if (info.references() > limits.maxReferences()) {
            return reject("more than " + limits.maxReferences() + " objects in one stream");
        }
        if (info.streamBytes() > limits.maxBytes()) {
            return reject("stream longer than " + limits.maxBytes() + " bytes");
        }
        if (info.arrayLength() > limits.maxArrayLength()) {
            return reject("array of " + info.arrayLength() + " elements, limit " + limits.maxArrayLength());
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.ALLOWED; // a limits-only check, passed above
        }
        return isAllowed(type) ? Status.ALLOWED : reject("class " + type.getName() + " is not on the allow-list");
    }

    /** @return whether instances of {@code type} may be deserialized */
    public static boolean isAllowed(Class<?> type) {
        return ALLOWED.contains(type);
    }

    private Status reject(String why) {
        rejections.accept("poold rejected a serialized object: " + why);
        return Status.REJECTED;
    }
}
