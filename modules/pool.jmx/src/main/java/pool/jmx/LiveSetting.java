package pool.jmx;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import pool.api.Durations;
import pool.api.LiveSettings;

/**
 * The settings a running pool takes in place ({@link LiveSettings}), each with the name
 * the configuration file gives it and the writable {@link PoolMXBean} attribute that
 * changes it. {@code poolctl set POOL SETTING VALUE} reads values as the file writes
 * them ({@code 30s}, {@code 500ms}, {@code true}, {@code 8}) and writes the attribute;
 * the bean writes it through {@code ConnectionPool.apply}, where reload applies the file.
 */
public enum LiveSetting {
    MIN_IDLE("minIdle", "MinIdle", Kind.COUNT, LiveSettings::minIdle, (s, v) -> s.withSize((Integer) v, s.maxSize())),
    MAX_SIZE("maxSize", "MaxSize", Kind.COUNT, LiveSettings::maxSize, (s, v) -> s.withSize(s.minIdle(), (Integer) v)),
    BURST_MAX_SIZE("burstMaxSize", "BurstMaxSize", Kind.COUNT, LiveSettings::burstMaxSize,
            (s, v) -> s.withBurstMaxSize((Integer) v)),
    BORROW_TIMEOUT("borrowTimeout", "BorrowTimeoutMillis", Kind.DURATION, LiveSettings::borrowTimeout,
            (s, v) -> s.withBorrowTimeout(Duration.ofMillis((Long) v))),
    IDLE_TIMEOUT("idleTimeout", "IdleTimeoutMillis", Kind.DURATION, LiveSettings::idleTimeout,
            (s, v) -> s.withIdleTimeout(Duration.ofMillis((Long) v))),
    MAX_LIFETIME("maxLifetime", "MaxLifetimeMillis", Kind.DURATION, LiveSettings::maxLifetime,
            (s, v) -> s.withMaxLifetime(Duration.ofMillis((Long) v))),
    VALIDATION_SKIP_WINDOW("validationSkipWindow", "ValidationSkipWindowMillis", Kind.DURATION,
            LiveSettings::validationSkipWindow, (s, v) -> s.withValidationSkipWindow(Duration.ofMillis((Long) v))),
    REAPER_INTERVAL("reaperInterval", "ReaperIntervalMillis", Kind.DURATION, LiveSettings::reaperInterval,
            (s, v) -> s.withReaperInterval(Duration.ofMillis((Long) v))),
    LEAK_THRESHOLD("leakThreshold", "LeakThresholdMillis", Kind.DURATION, LiveSettings::leakThreshold,
            (s, v) -> s.withLeakThreshold(Duration.ofMillis((Long) v))),
    LEAK_RECLAIM("leakReclaim", "LeakReclaim", Kind.BOOLEAN, LiveSettings::leakReclaim,
            (s, v) -> s.withLeakReclaim((Boolean) v));

    /** How a value is written. */
    public enum Kind {
        /** A whole number of connections, 0 or more; the attribute is an {@code int}. */
        COUNT,
        /** A whole number and a unit as the configuration writes it ({@code 500ms}, {@code 30s}, {@code 10m},
         *  {@code 1h}, {@code 1d}) or {@code 0}; the attribute is a {@code long} of milliseconds. */
        DURATION,
        /** {@code true} or {@code false}; the attribute is a {@code boolean}. */
        BOOLEAN
    }

    private final String settingName;
    private final String attribute;
    private final Kind kind;
    private final Function<LiveSettings, Object> read;
    private final BiFunction<LiveSettings, Object, LiveSettings> write;

    @SuppressWarnings("unchecked")
    <T> LiveSetting(String settingName, String attribute, Kind kind, Function<LiveSettings, T> read,
                    BiFunction<LiveSettings, Object, LiveSettings> write) {
        this.settingName = settingName;
        this.attribute = attribute;
        this.kind = kind;
        this.read = (Function<LiveSettings, Object>) read;
        this.write = write;
    }

    /** @return the name in the configuration file and on poolctl's command line, e.g. {@code borrowTimeout} */
    public String settingName() {
        return settingName;
    }

    /** @return the writable {@link PoolMXBean} attribute, e.g. {@code BorrowTimeoutMillis} */
    public String attribute() {
        return attribute;
    }

    public Kind kind() {
        return kind;
    }

    /** @return the setting named {@code name} as the configuration file names it */
    public static Optional<LiveSetting> named(String name) {
        return Arrays.stream(values()).filter(s -> s.settingName.equals(name)).findFirst();
    }

    /** @return every setting's name, comma-separated, for messages listing what is valid */
    public static String names() {
        return Arrays.stream(values()).map(LiveSetting::settingName).collect(Collectors.joining(", "));
    }

    /**
     * @param text a value as the configuration file writes it
     * @return the attribute's value: an {@code Integer}, a {@code Long} of milliseconds or a {@code Boolean}
     * @throws IllegalArgumentException saying how to write a value of this setting
     */
    public Object parse(String text) {
        String t = text.strip();
        switch (kind) {
            case COUNT -> {
                try {
                    int n = Integer.parseInt(t);
                    if (n >= 0) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // said below
                }
                throw new IllegalArgumentException(settingName + " is a whole number of connections, 0 or more, not '"
                        + t + "'");
            }
            case BOOLEAN -> {
                return switch (t.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException(settingName + " is true or false, not '" + t + "'");
                };
            }
            default -> {
                return durationMillis(t);
            }
        }
    }

    private long durationMillis(String t) {
        Duration d;
        try {
            d = Durations.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(settingName + ": " + e.getMessage(), e);
        }
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(settingName + ": '" + t + "' is too long a duration", e);
        }
    }

    /**
     * @param attributeValue the attribute's value, as JMX reads it: an Integer, a Long of milliseconds, a Boolean
     * @return it written as the configuration file writes it
     */
    public String formatAttribute(Object attributeValue) {
        return kind == Kind.DURATION && attributeValue instanceof Long ms ? Durations.format(Duration.ofMillis(ms))
                : String.valueOf(attributeValue);
    }

    /** @return this setting of {@code settings}, written as the configuration file writes it */
    public String format(LiveSettings settings) {
        Object v = read.apply(settings);
        return v instanceof Duration d ? Durations.format(d) : String.valueOf(v);
    }

    /**
     * @param value the attribute's value, as {@link #parse} returns it
     * @return {@code settings} with this setting changed to {@code value}; the pool checks the whole set when applied
     */
    public LiveSettings with(LiveSettings settings, Object value) {
        if (kind == Kind.DURATION && (Long) value < 0) {
            throw new IllegalArgumentException(attribute + " must be 0 or more milliseconds, not " + value);
        }
        return write.apply(settings, value);
    }
}
