package pool.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import pool.api.spi.Redaction;

/**
 * Immutable configuration of one pool. Build it with {@link #builder(String)}; every
 * setting has a default, listed on its builder method. The live-tunable subset is
 * {@link LiveSettings}: a running pool takes changes to those through
 * {@link ConnectionPool#apply(LiveSettings)}, everything else needs a new pool.
 *
 * <p>{@link #toString()} never shows the password.
 */
public record PoolConfig(
        String name,
        String jdbcUrl,
        String user,
        String password,
        Map<String, String> driverProperties,
        Duration connectTimeout,
        Duration socketTimeout,
        String initSql,
        boolean defaultAutoCommit,
        Integer defaultTransactionIsolation,
        boolean defaultReadOnly,
        String defaultCatalog,
        String defaultSchema,
        int minIdle,
        int maxSize,
        int burstMaxSize,
        Duration burstLifetime,
        Duration burstWaitThreshold,
        int maxPending,
        Duration borrowTimeout,
        Duration idleTimeout,
        Duration maxLifetime,
        Duration validationSkipWindow,
        Duration validationTimeout,
        String testQuery,
        Duration reaperInterval,
        Duration leakThreshold,
        boolean leakReclaim,
        StackCapture leakStackCapture,
        double leakStackSampleRate,
        IdleOrder idleOrder,
        int maxConcurrentCreates,
        Duration createBackoffInitial,
        Duration createBackoffMax,
        Initialization initialization,
        Replicas replicas,
        Tenancy tenancy) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Checks every setting; a violation names the setting and what to change. A duration longer
     * than 100 years is taken as 100 years (an endless timeout means the same).
     */
    public PoolConfig {
        connectTimeout = Durations.capped(connectTimeout);
        socketTimeout = Durations.capped(socketTimeout);
        burstLifetime = Durations.capped(burstLifetime);
        burstWaitThreshold = Durations.capped(burstWaitThreshold);
        borrowTimeout = Durations.capped(borrowTimeout);
        idleTimeout = Durations.capped(idleTimeout);
        maxLifetime = Durations.capped(maxLifetime);
        validationSkipWindow = Durations.capped(validationSkipWindow);
        validationTimeout = Durations.capped(validationTimeout);
        reaperInterval = Durations.capped(reaperInterval);
        leakThreshold = Durations.capped(leakThreshold);
        createBackoffInitial = Durations.capped(createBackoffInitial);
        createBackoffMax = Durations.capped(createBackoffMax);
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("name", "must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit; got " + quote(name));
        }
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw invalid(name, "jdbcUrl", "must be a JDBC URL starting with 'jdbc:'; got " + quote(jdbcUrl));
        }
        driverProperties = Map.copyOf(driverProperties == null ? Map.of() : driverProperties);
        requireNonNegative(name, "connectTimeout", connectTimeout);
        requireNonNegative(name, "socketTimeout", socketTimeout);
        if (minIdle < 0) {
            throw invalid(name, "minIdle", "must be >= 0; got " + minIdle);
        }
        if (maxSize < 1) {
            throw invalid(name, "maxSize", "must be >= 1; got " + maxSize);
        }
        if (minIdle > maxSize) {
            throw invalid(name, "minIdle", "(" + minIdle + ") must not exceed maxSize (" + maxSize + ")");
        }
        if (burstMaxSize < 0) {
            throw invalid(name, "burstMaxSize", "must be >= 0; got " + burstMaxSize);
        }
        requirePositive(name, "burstLifetime", burstLifetime);
        requireNonNegative(name, "burstWaitThreshold", burstWaitThreshold);
        if (maxPending < 0) {
            throw invalid(name, "maxPending", "must be >= 0 (0 refuses every borrow that would wait); got " + maxPending);
        }
        requireNonNegative(name, "borrowTimeout", borrowTimeout);
        requireNonNegative(name, "idleTimeout", idleTimeout);
        requireNonNegative(name, "maxLifetime", maxLifetime);
        requireNonNegative(name, "validationSkipWindow", validationSkipWindow);
        requirePositive(name, "validationTimeout", validationTimeout);
        requirePositive(name, "reaperInterval", reaperInterval);
        requireNonNegative(name, "leakThreshold", leakThreshold);
        if (leakStackCapture == null) {
            throw invalid(name, "leakStackCapture", "must be one of "
                    + java.util.Arrays.toString(StackCapture.values()) + "; got null");
        }
        if (!(leakStackSampleRate >= 0.0 && leakStackSampleRate <= 1.0)) {
            throw invalid(name, "leakStackSampleRate", "must be between 0.0 and 1.0; got " + leakStackSampleRate);
        }
        if (idleOrder == null) {
            throw invalid(name, "idleOrder", "must be one of "
                    + java.util.Arrays.toString(IdleOrder.values()) + "; got null");
        }
        if (maxConcurrentCreates < 1) {
            throw invalid(name, "maxConcurrentCreates", "must be >= 1; got " + maxConcurrentCreates);
        }
        requirePositive(name, "createBackoffInitial", createBackoffInitial);
        requirePositive(name, "createBackoffMax", createBackoffMax);
        if (createBackoffMax.compareTo(createBackoffInitial) < 0) {
            throw invalid(name, "createBackoffMax", "(" + text(createBackoffMax) + ") must not be below createBackoffInitial (" + text(createBackoffInitial) + ")");
        }
        if (initialization == null) {
            throw invalid(name, "initialization", "must be one of "
                    + java.util.Arrays.toString(Initialization.values()) + "; got null");
        }
        if (defaultTransactionIsolation != null && !isIsolationLevel(defaultTransactionIsolation)) {
            throw invalid(name, "defaultTransactionIsolation", "must be one of java.sql.Connection's TRANSACTION_* levels; got " + defaultTransactionIsolation);
        }
        String tenancyProblem = tenancy == null ? null : tenancy.problemWith(maxSize);
        if (tenancyProblem != null) {
            throw invalid(name, "tenancy", "is invalid: " + tenancyProblem);
        }
        if (tenancy != null && burstMaxSize > 0) {
            // Tenancy admits a borrow only while the tenants together hold fewer than maxSize, so no
            // borrower ever waits in the pool for a burst connection: accepted, the setting would do nothing.
            throw invalid(name, "burstMaxSize", "(" + burstMaxSize + ") cannot be used with tenancy: the tenants "
                    + "together never hold more than maxSize (" + maxSize + "), so no burst connection would open; "
                    + "set burstMaxSize to 0, or raise maxSize");
        }
    }

    /** The configuration as before replicas and tenancy: the same with neither. */
    public PoolConfig(String name, String jdbcUrl, String user, String password, Map<String, String> driverProperties,
                      Duration connectTimeout, Duration socketTimeout, String initSql, boolean defaultAutoCommit,
                      Integer defaultTransactionIsolation, boolean defaultReadOnly, String defaultCatalog,
                      String defaultSchema, int minIdle, int maxSize, int burstMaxSize, Duration burstLifetime,
                      Duration burstWaitThreshold, int maxPending, Duration borrowTimeout, Duration idleTimeout,
                      Duration maxLifetime, Duration validationSkipWindow, Duration validationTimeout, String testQuery,
                      Duration reaperInterval, Duration leakThreshold, boolean leakReclaim, StackCapture leakStackCapture,
                      double leakStackSampleRate, IdleOrder idleOrder, int maxConcurrentCreates,
                      Duration createBackoffInitial, Duration createBackoffMax, Initialization initialization) {
        this(name, jdbcUrl, user, password, driverProperties, connectTimeout, socketTimeout, initSql, defaultAutoCommit,
                defaultTransactionIsolation, defaultReadOnly, defaultCatalog, defaultSchema, minIdle, maxSize,
                burstMaxSize, burstLifetime, burstWaitThreshold, maxPending, borrowTimeout, idleTimeout, maxLifetime,
                validationSkipWindow, validationTimeout, testQuery, reaperInterval, leakThreshold, leakReclaim,
                leakStackCapture, leakStackSampleRate, idleOrder, maxConcurrentCreates, createBackoffInitial,
                createBackoffMax, initialization, null, null);
    }

    /** @return a builder for a pool called {@code name}, every other setting at its default */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder that starts from this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the live-tunable part of this configuration */
    public LiveSettings liveSettings() {
        return new LiveSettings(minIdle, maxSize, burstMaxSize, borrowTimeout, idleTimeout, maxLifetime,
                validationSkipWindow, reaperInterval, leakThreshold, leakReclaim, tenancy);
    }

    /** @return this configuration with the live-tunable part replaced */
    public PoolConfig with(LiveSettings live) {
        return toBuilder()
                .minIdle(live.minIdle()).maxSize(live.maxSize()).burstMaxSize(live.burstMaxSize())
                .borrowTimeout(live.borrowTimeout()).idleTimeout(live.idleTimeout())
                .maxLifetime(live.maxLifetime()).validationSkipWindow(live.validationSkipWindow())
                .reaperInterval(live.reaperInterval()).leakThreshold(live.leakThreshold())
                .leakReclaim(live.leakReclaim())
                .tenancy(live.tenancy())
                .build();
    }

    /**
     * @return whether {@code other} differs from this only in live-tunable settings,
     *         so that a running pool can take it without being replaced
     */
    public boolean sameConnectionSettings(PoolConfig other) {
        return other.with(liveSettings()).equals(this) && tenancyMode() == other.tenancyMode()
                && java.util.Objects.equals(shards(), other.shards());
    }

    /**
     * @return what a running sharded pool is built of and cannot change in place (its named
     *         tenants, and whether it has a sub-pool for the others); null when not sharded
     */
    private Object shards() {
        return tenancy == null || tenancy.mode() != TenancyMode.SHARDED ? null
                : java.util.List.of(tenancy.tenants().keySet(), tenancy.unknownTenants());
    }

    /** @return the tenancy mode, or null without tenancy; switching it needs a new pool */
    public TenancyMode tenancyMode() {
        return tenancy == null ? null : tenancy.mode();
    }

    @Override
    public String toString() {
        return "PoolConfig[name=" + name + ", jdbcUrl=" + Redaction.mask(jdbcUrl) + ", user=" + user
                + ", password=" + (password == null ? "<none>" : "<hidden>")
                + ", driverProperties=" + driverProperties.keySet()
                + ", minIdle=" + minIdle + ", maxSize=" + maxSize + ", burstMaxSize=" + burstMaxSize
                + ", maxPending=" + maxPending + ", borrowTimeout=" + borrowTimeout
                + ", idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime
                + ", validationSkipWindow=" + validationSkipWindow + ", reaperInterval=" + reaperInterval
                + ", leakThreshold=" + leakThreshold + ", leakReclaim=" + leakReclaim
                + ", idleOrder=" + idleOrder + ", initialization=" + initialization
                + (replicas == null ? "" : ", replicas=" + replicas.servers().stream().map(Replicas.Replica::name).toList())
                + (tenancy == null ? "" : ", tenancy=" + tenancy) + "]";
    }

    private static boolean isIsolationLevel(int level) {
        return level == java.sql.Connection.TRANSACTION_NONE
                || level == java.sql.Connection.TRANSACTION_READ_UNCOMMITTED
                || level == java.sql.Connection.TRANSACTION_READ_COMMITTED
                || level == java.sql.Connection.TRANSACTION_REPEATABLE_READ
                || level == java.sql.Connection.TRANSACTION_SERIALIZABLE;
    }

    private static void requireNonNegative(String pool, String setting, Duration d) {
        if (d == null || d.isNegative()) {
            throw invalid(pool, setting, "must be a duration >= 0; got " + text(d));
        }
    }

    private static void requirePositive(String pool, String setting, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw invalid(pool, setting, "must be a duration > 0; got " + text(d));
        }
    }

    /** A duration as the configuration file and poolctl write it (500ms, not PT0.5S): the form a user typed. */
    private static String text(Duration d) {
        return d == null ? "null" : Durations.format(d);
    }

    static IllegalArgumentException invalid(String pool, String setting, String problem) {
        return new IllegalArgumentException("pool '" + pool + "': " + setting + " " + problem);
    }

    private static IllegalArgumentException invalid(String setting, String problem) {
        return new IllegalArgumentException("pool " + setting + " " + problem);
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    /**
     * Builder for {@link PoolConfig}. Durations are {@link Duration}s; where a zero
     * duration switches a feature off, the method says so. One longer than 100 years is taken
     * as 100 years (an endless timeout means the same).
     */
    public static final class Builder {
        private String name;
        private String jdbcUrl;
        private String user;
        private String password;
        private Map<String, String> driverProperties = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration socketTimeout = Duration.ZERO;
        private String initSql;
        private boolean defaultAutoCommit = true;
        private Integer defaultTransactionIsolation;
        private boolean defaultReadOnly;
        private String defaultCatalog;
        private String defaultSchema;
        private int minIdle = 0;
        private int maxSize = 10;
        private int burstMaxSize = 0;
        private Duration burstLifetime = Duration.ofMinutes(2);
        private Duration burstWaitThreshold = Duration.ofMillis(50);
        private int maxPending = 10_000;
        private Duration borrowTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration maxLifetime = Duration.ofMinutes(30);
        private Duration validationSkipWindow = Duration.ofMillis(500);
        private Duration validationTimeout = Duration.ofSeconds(5);
        private String testQuery;
        private Duration reaperInterval = Duration.ofSeconds(5);
        private Duration leakThreshold = Duration.ofMinutes(1);
        private boolean leakReclaim;
        private StackCapture leakStackCapture = StackCapture.SAMPLED;
        private double leakStackSampleRate = 0.01;
        private IdleOrder idleOrder = IdleOrder.LIFO;
        private int maxConcurrentCreates = 2;
        private Duration createBackoffInitial = Duration.ofMillis(100);
        private Duration createBackoffMax = Duration.ofSeconds(10);
        private Initialization initialization = Initialization.BACKGROUND;
        private Replicas replicas;
        private Tenancy tenancy;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(PoolConfig c) {
            name = c.name;
            jdbcUrl = c.jdbcUrl;
            user = c.user;
            password = c.password;
            driverProperties = new LinkedHashMap<>(c.driverProperties);
            connectTimeout = c.connectTimeout;
            socketTimeout = c.socketTimeout;
            initSql = c.initSql;
            defaultAutoCommit = c.defaultAutoCommit;
            defaultTransactionIsolation = c.defaultTransactionIsolation;
            defaultReadOnly = c.defaultReadOnly;
            defaultCatalog = c.defaultCatalog;
            defaultSchema = c.defaultSchema;
            minIdle = c.minIdle;
            maxSize = c.maxSize;
            burstMaxSize = c.burstMaxSize;
            burstLifetime = c.burstLifetime;
            burstWaitThreshold = c.burstWaitThreshold;
            maxPending = c.maxPending;
            borrowTimeout = c.borrowTimeout;
            idleTimeout = c.idleTimeout;
            maxLifetime = c.maxLifetime;
            validationSkipWindow = c.validationSkipWindow;
            validationTimeout = c.validationTimeout;
            testQuery = c.testQuery;
            reaperInterval = c.reaperInterval;
            leakThreshold = c.leakThreshold;
            leakReclaim = c.leakReclaim;
            leakStackCapture = c.leakStackCapture;
            leakStackSampleRate = c.leakStackSampleRate;
            idleOrder = c.idleOrder;
            maxConcurrentCreates = c.maxConcurrentCreates;
            createBackoffInitial = c.createBackoffInitial;
            createBackoffMax = c.createBackoffMax;
            initialization = c.initialization;
            replicas = c.replicas;
            tenancy = c.tenancy;
        }

        /** Pool name, 1-64 of {@code [A-Za-z0-9._-]}; names the pool in JNDI, JMX and logs. Required. */
        public Builder name(String name) { this.name = name; return this; }

        /** JDBC URL of the database, for example {@code jdbc:postgresql://127.0.0.1:5432/app}. Required. */
        public Builder jdbcUrl(String jdbcUrl) { this.jdbcUrl = jdbcUrl; return this; }

        /** Database user. Default: none (the driver's default or the URL's). */
        public Builder user(String user) { this.user = user; return this; }

        /** Database password. Default: none. Never logged or shown. */
        public Builder password(String password) { this.password = password; return this; }

        /** One extra driver property, passed to the driver on every connect. */
        public Builder driverProperty(String key, String value) {
            driverProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Replaces all extra driver properties. Default: none. */
        public Builder driverProperties(Map<String, String> properties) {
            driverProperties = properties == null ? new LinkedHashMap<>() : new LinkedHashMap<>(properties);
            return this;
        }

        /**
         * Longest time to open one physical connection (connect, handshake and login), and to
         * wait for each answer while the pool sets the new connection up (init SQL, session
         * defaults). Default 10 s.
         */
        public Builder connectTimeout(Duration d) { this.connectTimeout = d; return this; }

        /** Socket read timeout passed to the driver. Default 0 (the driver's default: none). */
        public Builder socketTimeout(Duration d) { this.socketTimeout = d; return this; }

        /**
         * SQL run on every new physical connection, and again each time the pool resets a
         * connection's database session after a borrow that may have changed it (see
         * {@link pool.api.spi.ConnectionFactory#create()}). Default: none.
         */
        public Builder initSql(String sql) { this.initSql = sql; return this; }

        /** Auto-commit a connection has when handed out. Default true. */
        public Builder defaultAutoCommit(boolean b) { this.defaultAutoCommit = b; return this; }

        /** Isolation ({@code Connection.TRANSACTION_*}) a connection has when handed out. Default: the driver's. */
        public Builder defaultTransactionIsolation(Integer level) { this.defaultTransactionIsolation = level; return this; }

        /** Read-only flag a connection has when handed out. Default false. */
        public Builder defaultReadOnly(boolean b) { this.defaultReadOnly = b; return this; }

        /** Catalog a connection has when handed out. Default: the driver's. */
        public Builder defaultCatalog(String catalog) { this.defaultCatalog = catalog; return this; }

        /** Schema a connection has when handed out. Default: the driver's. */
        public Builder defaultSchema(String schema) { this.defaultSchema = schema; return this; }

        /** Idle connections the pool keeps ready. Default 0. Live-tunable. */
        public Builder minIdle(int n) { this.minIdle = n; return this; }

        /** Most physical connections, idle and in use. Default 10. Live-tunable. */
        public Builder maxSize(int n) { this.maxSize = n; return this; }

        /** Extra connections above maxSize opened only while borrowers wait. Default 0 (no burst). Live-tunable. */
        public Builder burstMaxSize(int n) { this.burstMaxSize = n; return this; }

        /** Lifetime of a burst connection (shorter than maxLifetime so bursts drain). Default 2 min. */
        public Builder burstLifetime(Duration d) { this.burstLifetime = d; return this; }

        /** p95 borrow wait above which the pool may open burst connections. Default 50 ms. */
        public Builder burstWaitThreshold(Duration d) { this.burstWaitThreshold = d; return this; }

        /** Most borrowers waiting at once (blocking and async); one more is refused at once. Default 10000. */
        public Builder maxPending(int n) { this.maxPending = n; return this; }

        /**
         * Longest a borrow waits for a connection. Default 30 s; 0 means do not wait (a borrow that
         * finds none idle fails at once, and one is opened for the next if the pool has room). Live-tunable.
         */
        public Builder borrowTimeout(Duration d) { this.borrowTimeout = d; return this; }

        /** Idle time after which a connection above minIdle is closed. Default 10 min; 0 disables. Live-tunable. */
        public Builder idleTimeout(Duration d) { this.idleTimeout = d; return this; }

        /** Age after which a connection is retired (with up to 2.5 % jitter; never while in use). Default 30 min; 0 disables. Live-tunable. */
        public Builder maxLifetime(Duration d) { this.maxLifetime = d; return this; }

        /** A connection used within this window is handed out without validation. Default 500 ms. Live-tunable. */
        public Builder validationSkipWindow(Duration d) { this.validationSkipWindow = d; return this; }

        /** Longest a validation may take. Default 5 s. */
        public Builder validationTimeout(Duration d) { this.validationTimeout = d; return this; }

        /**
         * Query that validates a connection; default none, which uses {@code Connection.isValid}.
         * It also runs once on each new connection: one the database refuses is a configuration
         * error that fails borrows at once with the database's reason.
         */
        public Builder testQuery(String sql) { this.testQuery = sql; return this; }

        /** How often the background reaper runs. Default 5 s. Live-tunable. */
        public Builder reaperInterval(Duration d) { this.reaperInterval = d; return this; }

        /** Time in use after which a connection is reported as a leak suspect. Default 1 min; 0 disables. Live-tunable. */
        public Builder leakThreshold(Duration d) { this.leakThreshold = d; return this; }

        /** Whether leak suspects are reclaimed by force (rolled back and closed). Default false. Live-tunable. */
        public Builder leakReclaim(boolean b) { this.leakReclaim = b; return this; }

        /** When a borrow records its stack for leak reports. Default {@link StackCapture#SAMPLED}. */
        public Builder leakStackCapture(StackCapture c) { this.leakStackCapture = c; return this; }

        /** Fraction of borrows whose stack is recorded under {@link StackCapture#SAMPLED}. Default 0.01. */
        public Builder leakStackSampleRate(double rate) { this.leakStackSampleRate = rate; return this; }

        /** Which idle connection is taken first. Default {@link IdleOrder#LIFO}. */
        public Builder idleOrder(IdleOrder order) { this.idleOrder = order; return this; }

        /** Most physical connections being opened at once (no connect storm after a restart). Default 2. */
        public Builder maxConcurrentCreates(int n) { this.maxConcurrentCreates = n; return this; }

        /** First delay before retrying a failed connect; doubles up to createBackoffMax, with jitter. Default 100 ms. */
        public Builder createBackoffInitial(Duration d) { this.createBackoffInitial = d; return this; }

        /** Longest delay between connect retries. Default 10 s. */
        public Builder createBackoffMax(Duration d) { this.createBackoffMax = d; return this; }

        /** What to do when the database is unreachable at start. Default {@link Initialization#BACKGROUND}. */
        public Builder initialization(Initialization i) { this.initialization = i; return this; }

        /**
         * Replicas that serve reads while {@link #jdbcUrl} is the primary (module
         * {@code pool.routing} must be present). Default null: no replicas, a plain pool.
         */
        public Builder replicas(Replicas r) { this.replicas = r; return this; }

        /**
         * Per-tenant quotas, reservations and fair sharing (see {@link Tenancy}); needs the
         * module {@code pool.tenancy} at run time. Default: none (every borrow alike).
         * Live-tunable except its mode.
         */
        public Builder tenancy(Tenancy t) { this.tenancy = t; return this; }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the first setting that is invalid
         */
        public PoolConfig build() {
            return new PoolConfig(name, jdbcUrl, user, password, driverProperties, connectTimeout, socketTimeout,
                    initSql, defaultAutoCommit, defaultTransactionIsolation, defaultReadOnly, defaultCatalog,
                    defaultSchema, minIdle, maxSize, burstMaxSize, burstLifetime, burstWaitThreshold, maxPending,
                    borrowTimeout, idleTimeout, maxLifetime, validationSkipWindow, validationTimeout, testQuery,
                    reaperInterval, leakThreshold, leakReclaim, leakStackCapture, leakStackSampleRate, idleOrder,
                    maxConcurrentCreates, createBackoffInitial, createBackoffMax, initialization, replicas, tenancy);
        }
    }
}
