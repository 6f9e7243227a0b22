package pool.protocol;

import java.io.ObjectInputFilter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The serialization allow-list of poold's RMI endpoints: only this package's records
 * and the JDK value types they carry may be deserialized; every other class is
 * rejected when its class descriptor is read, before any instance exists, so no
 * {@code readObject}, {@code readResolve} or constructor of a foreign class ever runs.
 * Stream limits (depth, references, bytes, array length) bound what even an allowed
 * graph may cost.
 *
 * <p>Allowed JDK classes and why: {@code String}, the boxed primitives and their
 * serialized superclass {@code Number}; {@code Enum} (serialized superclass of every
 * enum); {@code BigDecimal}, {@code BigInteger}; {@code java.time.Ser}, the single
 * serialized form of every {@code java.time} type; {@code java.util.Date} (superclass
 * of) {@code java.sql.Date}, {@code Time}, {@code Timestamp}; {@code UUID};
 * the {@code java.time} value classes {@code Ser} resolves to; {@code java.util.CollSer},
 * the serialized form of {@code List.copyOf} that records use, and the immutable lists
 * it resolves to; arrays of allowed types, primitive arrays, and {@code Object[]}
 * (whose elements are checked one by one as they are read).
 */
public final class ProtocolFilter implements ObjectInputFilter {

    /**
     * Stream limits.
     *
     * @param maxDepth       deepest nesting of objects
     * @param maxReferences  most objects and references in one stream
     * @param maxBytes       most bytes one stream may consume
     * @param maxArrayLength longest array (a {@code byte[]} parameter or a batch of rows)
     */
    public record Limits(long maxDepth, long maxReferences, long maxBytes, long maxArrayLength) {
        /**
         * Depth 20 is about twice the deepest legitimate graph (call, op, params,
         * BigDecimal, BigInteger, byte[]); 5 M references and 256 MiB admit a 50,000-row
         * batch or a large JDBC batch; arrays up to 64 Mi elements admit 64 MiB byte[]
         * parameters.
         */
        public static final Limits DEFAULT = new Limits(20, 5_000_000, 256L << 20, 64L << 20);
    }

    private static final Set<Class<?>> JDK_VALUES = Set.of(
            String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class, Long.class,
            Float.class, Double.class, Number.class, Enum.class, BigDecimal.class, BigInteger.class,
            java.util.Date.class, java.sql.Date.class, java.sql.Time.class, java.sql.Timestamp.class, UUID.class,
            // What java.time.Ser resolves to: the filter sees the resolved class too.
            LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class, OffsetTime.class,
            ZonedDateTime.class, Instant.class, ZoneOffset.class);

    /**
     * Serialized forms and what they resolve to, whose classes are not public: named
     * rather than referenced. The JDK checks the class {@code readResolve} returns as
     * well, so the immutable list classes behind {@code List.copyOf} are here.
     */
    private static final Set<String> JDK_SERIAL_FORMS = Set.of("java.time.Ser", "java.time.ZoneRegion",
            "java.util.CollSer", "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12");

    private static final Set<Class<?>> PROTOCOL = Set.of(
            LoginRequest.class, Call.class, Borrow.class, pool.api.Intent.class, pool.api.Priority.class,
            Op.StatementKind.class, Op.Mode.class, Op.Property.class, Op.Keys.class, Op.Execute.class,
            Op.Batch.class, Op.Fetch.class, Op.CloseCursor.class, Op.Commit.class, Op.Rollback.class,
            Op.SetSavepoint.class, Op.ReleaseSavepoint.class, Op.Set.class, Op.Get.class, Op.Validate.class, Op.Warnings.class,
            Op.MetaInfo.class, Op.MetaCall.class, Op.Release.class, SqlNull.class, OutParam.class,
            // Replies: the daemon never reads them, the client does; listed so one filter serves both.
            LoginReply.class, Reply.class, SessionInfo.class, Result.Done.class, Result.Executed.class,
            Result.Batched.class, Result.Fetched.class, Result.SavepointSet.class, Result.Value.class,
            Result.Warnings.class, Result.Meta.class, Rows.class, Column.class, SqlError.class, SqlError.Kind.class);

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

    /** @return a filter with default limits that reports nothing */
    public static ProtocolFilter standard() {
        return create(Limits.DEFAULT, m -> { });
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
        if (type.isArray()) {
            Class<?> component = type.getComponentType();
            return component.isPrimitive() || component == Object.class || isAllowed(component);
        }
        return PROTOCOL.contains(type) || JDK_VALUES.contains(type) || JDK_SERIAL_FORMS.contains(type.getName());
    }

    private Status reject(String why) {
        rejections.accept("poold rejected a serialized object: " + why);
        return Status.REJECTED;
    }
}
