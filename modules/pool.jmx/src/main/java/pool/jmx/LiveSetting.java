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
    MIN_IDLE("minIdle", "MinIdle", Kind.COUNT, 0, LiveSettings::minIdle, (s, v) -> s.withSize((Integer) v, s.maxSize())),
    MAX_SIZE("maxSize", "MaxSize", Kind.COUNT, 1, LiveSettings::maxSize, (s, v) -> s.withSize(s.minIdle(), (Integer) v)),
    BURST_MAX_SIZE("burstMaxSize", "BurstMaxSize", Kind.COUNT, 0, LiveSettings::burstMaxSize,
            (s, v) -> s.withBurstMaxSize((Integer) v)),
    BORROW_TIMEOUT("borrowTimeout", "BorrowTimeoutMillis", Kind.DURATION, 0, LiveSettings::borrowTimeout,
            (s, v) -> s.withBorrowTimeout(Duration.ofMillis((Long) v))),
    IDLE_TIMEOUT("idleTimeout", "IdleTimeoutMillis", Kind.DURATION, 0, LiveSettings::idleTimeout,
            (s, v) -> s.withIdleTimeout(Duration.ofMillis((Long) v))),
    MAX_LIFETIME("maxLifetime", "MaxLifetimeMillis", Kind.DURATION, 0, LiveSettings::maxLifetime,
            (s, v) -> s.withMaxLifetime(Duration.ofMillis((Long) v))),
    VALIDATION_SKIP_WINDOW("validationSkipWindow", "ValidationSkipWindowMillis", Kind.DURATION, 0,
            LiveSettings::validationSkipWindow, (s, v) -> s.withValidationSkipWindow(Duration.ofMillis((Long) v))),
    REAPER_INTERVAL("reaperInterval", "ReaperIntervalMillis", Kind.DURATION, 1, LiveSettings::reaperInterval,
            (s, v) -> s.withReaperInterval(Duration.ofMillis((Long) v))),
    LEAK_THRESHOLD("leakThreshold", "LeakThresholdMillis", Kind.DURATION, 0, LiveSettings::leakThreshold,
            (s, v) -> s.withLeakThreshold(Duration.ofMillis((Long) v))),
    LEAK_RECLAIM("leakReclaim", "LeakReclaim", Kind.BOOLEAN, 0, LiveSettings::leakReclaim,
            (s, v) -> s.withLeakReclaim((Boolean) v));

    /** How a value is written. */
    public enum Kind {
        /** A whole number of connections, at least the setting's {@link #minimum()}; the attribute is an {@code int}. */
        COUNT,
        /** A whole number and a unit as the configuration writes it ({@code 500ms}, {@code 30s}, {@code 10m},
         *  {@code 1h}, {@code 1d}) or {@code 0}, at most {@link Durations#LONGEST}; the attribute is a {@code long}
         *  of milliseconds, where a longer one (Long.MAX_VALUE, a JMX console's "forever") is taken as the
         *  longest, as the Java API takes it. */
        DURATION,
        /** {@code true} or {@code false}; the attribute is a {@code boolean}. */
        BOOLEAN
    }

    private final String settingName;
    private final String attribute;
    private final Kind kind;
    private final int minimum;
    private final Function<LiveSettings, Object> read;
    private final BiFunction<LiveSettings, Object, LiveSettings> write;

    @SuppressWarnings("unchecked")
    <T> LiveSetting(String settingName, String attribute, Kind kind, int minimum, Function<LiveSettings, T> read,
                    BiFunction<LiveSettings, Object, LiveSettings> write) {
        this.settingName = settingName;
        this.attribute = attribute;
        this.kind = kind;
        this.minimum = minimum;
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

    /**
     * @return the least value the setting takes, as {@link pool.api.PoolConfig} and the schema bound it: connections
     *         for a count (maxSize 1, the others 0), milliseconds for a duration (reaperInterval 1, the others 0)
     */
    public int minimum() {
        return minimum;
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
                    if (n >= minimum) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // said below
                }
                throw new IllegalArgumentException(settingName + " must be a whole number of connections >= " + minimum
                        + "; got '" + t + "'");
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
        if (d.toMillis() < minimum) {
            // The schema and PoolConfig say it so: "must be a duration > 0; got 0".
            throw new IllegalArgumentException(settingName + " must be a duration > 0; got '" + t + "'");
        }
        return d.toMillis();
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
        if (kind == Kind.DURATION && (Long) value < minimum) {
            throw new IllegalArgumentException(attribute + " must be " + minimum + " or more milliseconds, not " + value);
        }
        if (kind == Kind.COUNT && (Integer) value < minimum) {
            throw new IllegalArgumentException(attribute + " must be " + minimum + " or more, not " + value);
        }
        return write.apply(settings, value);
    }
}
