package pool.daemon.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pool.api.Durations;
import pool.api.IdleOrder;
import pool.api.Initialization;
import pool.api.PoolConfig;
import pool.api.StackCapture;
import pool.api.spi.Redaction;
import pool.jmx.JmxRole;
import pool.remote.PasswordHash;

/**
 * Turns a schema-valid binding into a {@link DaemonConfig}: parses durations, resolves
 * secrets and checks what a schema cannot (unique names, URL matching the driver,
 * minIdle within maxSize, ...). Every problem is recorded at the line of the element
 * at fault; mapping goes on after a problem so that one run reports them all.
 *
 * <p>Absent settings are simply not passed to {@link PoolConfig.Builder}: its defaults
 * are the only ones, and pools.xsd documents them (a test keeps the two in step).
 */
final class ConfigMapper {

    /** PoolConfig's own checks say "pool 'NAME': SETTING ..."; the setting tells which line to blame. */
    private static final Pattern POOL_CONFIG_PROBLEM = Pattern.compile("pool '[^']*': (\\w+) ");
    private static final String ROOT = "/poold[1]";
    /** What {@code <h2UnprivilegedUser>} needs: a named in-memory database, no settings of the file's own. */
    private static final Pattern H2_MEMORY_URL = Pattern.compile("jdbc:h2:mem:([A-Za-z0-9_]{1,64})");
    /** A user name H2 takes without quotes (and stores in upper case). */
    /** A URL's user-info part with a password, {@code //user:password@host}. */
    private static final Pattern URL_USER_INFO = Pattern.compile("//[^/@:\\s]*:[^/@\\s]*@");
    /** A driver property whose name says it holds a secret ({@code password}, {@code sslpassword}, {@code apiToken}). */
    private static final Pattern SECRET_PROPERTY = Pattern.compile("(?i)password|passwd|pwd|secret|token");
    /** A URL parameter with such a name and a value ({@code ?password=...}, {@code ;PASSWORD=...}). */
    private static final Pattern URL_SECRET = Pattern.compile("(?i)[?&;]\\w*(?:password|passwd|pwd|secret|token)\\w*=[^&;\\s]");
    private static final Pattern SETTING_NAME = Pattern.compile("\\b[a-z][A-Za-z]+\\b");
    /** PoolConfig's defaults, which a setting it refused is put back to so that the others are checked too. */
    private static final PoolConfig DEFAULTS = PoolConfig.builder("defaults").jdbcUrl("jdbc:defaults:").build();
    /** How each setting PoolConfig checks is put back to its default. */
    private static final Map<String, java.util.function.BiConsumer<PoolConfig.Builder, PoolConfig>> DEFAULTS_OF =
            Map.ofEntries(
                    Map.entry("connectTimeout", (b, d) -> b.connectTimeout(d.connectTimeout())),
                    Map.entry("socketTimeout", (b, d) -> b.socketTimeout(d.socketTimeout())),
                    Map.entry("minIdle", (b, d) -> b.minIdle(d.minIdle())),
                    Map.entry("maxSize", (b, d) -> b.maxSize(d.maxSize())),
                    Map.entry("burstMaxSize", (b, d) -> b.burstMaxSize(d.burstMaxSize())),
                    Map.entry("burstLifetime", (b, d) -> b.burstLifetime(d.burstLifetime())),
                    Map.entry("burstWaitThreshold", (b, d) -> b.burstWaitThreshold(d.burstWaitThreshold())),
                    Map.entry("maxPending", (b, d) -> b.maxPending(d.maxPending())),
                    Map.entry("borrowTimeout", (b, d) -> b.borrowTimeout(d.borrowTimeout())),
                    Map.entry("idleTimeout", (b, d) -> b.idleTimeout(d.idleTimeout())),
                    Map.entry("maxLifetime", (b, d) -> b.maxLifetime(d.maxLifetime())),
                    Map.entry("validationSkipWindow", (b, d) -> b.validationSkipWindow(d.validationSkipWindow())),
                    Map.entry("validationTimeout", (b, d) -> b.validationTimeout(d.validationTimeout())),
                    Map.entry("reaperInterval", (b, d) -> b.reaperInterval(d.reaperInterval())),
                    Map.entry("leakThreshold", (b, d) -> b.leakThreshold(d.leakThreshold())),
                    Map.entry("leakStackSampleRate", (b, d) -> b.leakStackSampleRate(d.leakStackSampleRate())),
                    Map.entry("maxConcurrentCreates", (b, d) -> b.maxConcurrentCreates(d.maxConcurrentCreates())),
                    Map.entry("createBackoffInitial", (b, d) -> b.createBackoffInitial(d.createBackoffInitial())),
                    Map.entry("createBackoffMax", (b, d) -> b.createBackoffMax(d.createBackoffMax())));
    private static final Pattern H2_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final Path file;
    private final ElementLocations at;
    private final SecretResolver secrets;
    private final ConfigProblems problems;
    private final List<Location> inlineSecrets = new ArrayList<>();
    /** Every user with a password hash, of every kind, for {@link DemoCredentials#check}. */
    private final List<DemoCredentials.Credential> credentials = new ArrayList<>();
    /** The client users' names, in file order. */
    private java.util.SequencedSet<String> clientNames = new java.util.LinkedHashSet<>();

    /** The address a running daemon listens on (a reload), or null. */
    private final String listeningOn;

    ConfigMapper(Path file, ElementLocations at, SecretResolver secrets, ConfigProblems problems, String listeningOn) {
        this.listeningOn = listeningOn;
        this.file = file;
        this.at = at;
        this.secrets = secrets;
        this.problems = problems;
    }

    DaemonConfig map(XmlPoold root) {
        DaemonSettings daemon = daemon(root.daemon, ElementLocations.child(ROOT, "daemon", 1));
        List<ClientUser> clients = clients(root.clients, ElementLocations.child(ROOT, "clients", 1));
        // Every declared user, also one refused at its own line (a bad hash): <clientUsers> naming it is no mistake.
        if (root.clients != null) {
            root.clients.users.stream().filter(u -> u.name != null).forEach(u -> clientNames.add(u.name));
        }
        List<JmxUser> jmxUsers = jmxUsers(root.jmx, ElementLocations.child(ROOT, "jmx", 1));
        // Token-typed values (names, enums, URLs) may carry the whitespace XML allows around
        // them; the schema validated them trimmed, so they are trimmed here too.
        Map<String, PoolDefinition> pools = new LinkedHashMap<>();
        Map<String, Location> firstSeen = new HashMap<>();
        for (int i = 0; i < root.pools.size(); i++) {
            XmlPool x = root.pools.get(i);
            if (x.name == null || x.driver == null || x.jdbcUrl == null) {
                continue; // only in a file the schema refused, which named what is missing
            }
            x.name = x.name.strip();
            String path = ElementLocations.child(ROOT, "pool", i + 1);
            Location where = at.of(path);
            Location earlier = firstSeen.putIfAbsent(x.name, where);
            if (earlier != null) {
                problems.add(where, "duplicate pool name '" + x.name + "' (first defined at line " + earlier.line()
                        + "): give each pool its own name");
                continue;
            }
            PoolDefinition def = pool(x, path);
            if (def != null) {
                pools.put(def.name(), def);
            }
        }
        DemoCredentials.check(daemon.listenAddress(), listeningOn, credentials, problems);
        return new DaemonConfig(file, daemon, clients, jmxUsers, new LinkedHashMap<>(pools), inlineSecrets);
    }

    private DaemonSettings daemon(XmlDaemon x, String path) {
        DaemonSettings d = DaemonSettings.defaults();
        if (x == null) {
            return d;
        }
        String address = x.listenAddress == null ? d.listenAddress() : x.listenAddress.strip();
        if (address.isEmpty() || !address.matches("[A-Za-z0-9.:%_-]+")) {
            problems.add(at.of(ElementLocations.child(path, "listenAddress", 1)), "listenAddress '" + address
                    + "' is not an IP address or host name: write for example 127.0.0.1 (the default) or ::1");
        }
        int rmi = x.rmiRegistryPort == null ? d.rmiRegistryPort() : x.rmiRegistryPort;
        int jmx = x.jmxPort == null ? d.jmxPort() : x.jmxPort;
        if (rmi == jmx) {
            problems.add(at.of(ElementLocations.child(path, x.jmxPort != null ? "jmxPort" : "rmiRegistryPort", 1)),
                    "rmiRegistryPort and jmxPort are both " + rmi + ": give each service its own port");
        }
        Duration drain = x.drainTimeout == null ? d.drainTimeout()
                : duration(x.drainTimeout, ElementLocations.child(path, "drainTimeout", 1));
        Duration lease = d.remoteLease();
        if (x.remoteLease != null) {
            String leasePath = ElementLocations.child(path, "remoteLease", 1);
            lease = duration(x.remoteLease, leasePath);
            if (lease != null && lease.compareTo(DaemonSettings.MIN_REMOTE_LEASE) < 0) {
                problems.add(at.of(leasePath), "remoteLease " + x.remoteLease.strip() + " is too short: clients could"
                        + " not renew in time; use at least " + Durations.format(DaemonSettings.MIN_REMOTE_LEASE)
                        + " (the default is " + Durations.format(d.remoteLease()) + ")");
            }
            if (lease == null) {
                lease = d.remoteLease();
            }
        }
        TlsConfig tls = x.tls == null ? null : tls(x.tls, ElementLocations.child(path, "tls", 1));
        return new DaemonSettings(address, rmi, jmx, drain == null ? d.drainTimeout() : drain, lease, tls,
                x.maxUnauthenticatedConnections == null ? d.maxUnauthenticatedConnections()
                        : x.maxUnauthenticatedConnections,
                x.maxUnauthenticatedConnectionsPerAddress == null ? d.maxUnauthenticatedConnectionsPerAddress()
                        : x.maxUnauthenticatedConnectionsPerAddress,
                atLeast(x.requestTimeout, path, "requestTimeout", DaemonSettings.MIN_REQUEST_TIMEOUT, d.requestTimeout()),
                atLeast(x.ticketIdleTimeout, path, "ticketIdleTimeout", DaemonSettings.MIN_TICKET_TIME,
                        d.ticketIdleTimeout()),
                atLeast(x.ticketLifetime, path, "ticketLifetime", DaemonSettings.MIN_TICKET_TIME, d.ticketLifetime()),
                x.maxChannelsPerTicket == null ? d.maxChannelsPerTicket() : x.maxChannelsPerTicket,
                callBytes(x.maxCallBytesPerTicket, path, d.maxCallBytesPerTicket()));
    }

    /** @return the duration of {@code element} if given and at least {@code min}; else (with a problem noted) the default */
    private Duration atLeast(String raw, String path, String element, Duration min, Duration otherwise) {
        if (raw == null) {
            return otherwise;
        }
        String where = ElementLocations.child(path, element, 1);
        Duration d = duration(raw, where);
        if (d != null && d.compareTo(min) < 0) {
            problems.add(at.of(where), element + " " + raw.strip() + " is too short: use at least "
                    + Durations.format(min) + " (the default is " + Durations.format(otherwise) + ")");
        }
        return d == null ? otherwise : d;
    }

    private int callBytes(String raw, String path, int otherwise) {
        if (raw == null) {
            return otherwise;
        }
        String where = ElementLocations.child(path, "maxCallBytesPerTicket", 1);
        try {
            long bytes = Sizes.parse(raw);
            if (bytes < DaemonSettings.MIN_CALL_BYTES || bytes > DaemonSettings.MAX_CALL_BYTES) {
                problems.add(at.of(where), "maxCallBytesPerTicket " + raw.strip() + " is out of range: use "
                        + Sizes.format(DaemonSettings.MIN_CALL_BYTES) + " to " + Sizes.format(DaemonSettings.MAX_CALL_BYTES)
                        + " (the default is " + Sizes.format(otherwise) + ")");
                return otherwise;
            }
            return (int) bytes;
        } catch (IllegalArgumentException e) {
            problems.add(at.of(where), "maxCallBytesPerTicket: " + e.getMessage());
            return otherwise;
        }
    }

    private TlsConfig tls(XmlDaemon.XmlTls x, String path) {
        Location where = at.of(path);
        String keyStorePassword = resolve(x.keyStorePassword, at.of(ElementLocations.child(path, "keyStorePassword", 1)),
                "tls keyStorePassword");
        if (!x.keyStorePassword.isEmpty() && !SecretResolver.isReference(x.keyStorePassword)) {
            inlineSecrets.add(at.of(ElementLocations.child(path, "keyStorePassword", 1)));
        }
        String trustStorePassword = null;
        if (x.trustStorePassword != null) {
            trustStorePassword = resolve(x.trustStorePassword,
                    at.of(ElementLocations.child(path, "trustStorePassword", 1)), "tls trustStorePassword");
            if (!x.trustStorePassword.isEmpty() && !SecretResolver.isReference(x.trustStorePassword)) {
                inlineSecrets.add(at.of(ElementLocations.child(path, "trustStorePassword", 1)));
            }
        }
        if (x.trustStore == null && x.trustStorePassword != null) {
            problems.add(at.of(ElementLocations.child(path, "trustStorePassword", 1)),
                    "tls: trustStorePassword without trustStore: add <trustStore> or remove the password");
        }
        return new TlsConfig(Path.of(x.keyStore.strip()), keyStorePassword,
                x.keyStoreType == null ? TlsConfig.DEFAULT_STORE_TYPE : x.keyStoreType.strip(),
                x.trustStore == null ? null : Path.of(x.trustStore.strip()), trustStorePassword,
                x.trustStoreType == null ? TlsConfig.DEFAULT_STORE_TYPE : x.trustStoreType.strip(), where);
    }

    private List<ClientUser> clients(XmlClients x, String path) {
        List<ClientUser> users = new ArrayList<>();
        if (x == null) {
            return users;
        }
        Map<String, Location> seen = new HashMap<>();
        for (int i = 0; i < x.users.size(); i++) {
            XmlClients.User u = x.users.get(i);
            Location where = at.of(ElementLocations.child(path, "user", i + 1));
            if (!acceptUser(seen, "client user", u.name, u.hash, where)) {
                continue;
            }
            if (u.tenants != null && u.tenants.isBlank()) {
                // An empty list would refuse every login of the user, with a message naming no tenant.
                problems.add(where, "client user '" + u.name + "': tenants is empty: list the tenants it may claim"
                        + " (separated by spaces), or leave tenants out to let it claim any");
            } else {
                users.add(new ClientUser(u.name, u.hash, tenantClaims(u.tenants)));
                credentials.add(new DemoCredentials.Credential("client user", u.name, u.hash, where));
            }
        }
        return users;
    }

    /** @return the tenants of {@code <user tenants=>} (the schema checked each name), or null for any */
    private static java.util.Set<String> tenantClaims(String tenants) {
        if (tenants == null) {
            return null;
        }
        java.util.Set<String> claims = new java.util.LinkedHashSet<>();
        for (String t : tenants.strip().split("\\s+")) {
            if (!t.isEmpty()) {
                claims.add(t);
            }
        }
        return claims;
    }

    private List<JmxUser> jmxUsers(XmlJmx x, String path) {
        List<JmxUser> users = new ArrayList<>();
        if (x == null) {
            return users;
        }
        Map<String, Location> seen = new HashMap<>();
        for (int i = 0; i < x.users.size(); i++) {
            XmlJmx.User u = x.users.get(i);
            Location where = at.of(ElementLocations.child(path, "user", i + 1));
            boolean accepted = acceptUser(seen, "JMX user", u.name, u.hash, where);
            if (u.role == null) {
                continue; // only in a file the schema refused, which named the missing role
            }
            String roleName = u.role.strip();
            JmxRole role = JmxRole.ofXmlName(roleName);
            if (role == null) {
                // pools.xsd enumerates the roles, so only a schema out of step with JmxRole gets here.
                problems.add(where, "JMX user '" + u.name + "': role '" + roleName + "' is unknown: use monitor"
                        + " (reads and notifications) or operate (also changes settings and runs operations)");
            } else if (accepted) {
                users.add(new JmxUser(u.name, u.hash, role));
                credentials.add(new DemoCredentials.Credential("JMX user", u.name, u.hash, where));
            }
        }
        return users;
    }

    /** @return whether the user is new in {@code seen} and its hash well formed; else records why not */
    private boolean acceptUser(Map<String, Location> seen, String kind, String name, String hash, Location where) {
        if (name == null || hash == null) {
            return false; // only in a file the schema refused, which named what is missing
        }
        Location earlier = seen.putIfAbsent(name, where);
        if (earlier != null) {
            problems.add(where, "duplicate " + kind + " '" + name + "' (first defined at line " + earlier.line()
                    + "): each user appears once");
            return false;
        }
        if (!isWellFormedHash(hash)) {
            problems.add(where, kind + " '" + name + "': hash is not pbkdf2-sha256$ITERATIONS$SALT$HASH"
                    + " with at least " + PasswordHash.MIN_ITERATIONS + " iterations and base64 salt and hash:"
                    + " make one with poold --hash-password");
            return false;
        }
        return true;
    }

    private static boolean isWellFormedHash(String hash) {
        try {
            PasswordHash.parse(hash);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @return the definition, or null when the pool has problems (they are recorded) */
    private PoolDefinition pool(XmlPool x, String path) {
        Location where = at.of(path);
        int before = problemCount();
        DriverKind driver = DriverKind.ofXml(x.driver.strip());
        PoolConfig.Builder b = PoolConfig.builder(x.name);
        b.initialization(x.initialization != null && x.initialization.strip().equals("fail-fast") ? Initialization.FAIL_FAST : Initialization.BACKGROUND);

        String url = x.jdbcUrl.strip();
        Location urlAt = at.of(ElementLocations.child(path, "jdbcUrl", 1));
        if (url.contains("${")) {
            problems.add(urlAt, "pool '" + x.name + "': jdbcUrl cannot hold a ${...} reference, because the URL"
                    + " is logged: put the password in <password> and other secrets in <driverProperties>");
        } else if (!driver.accepts(url)) {
            problems.add(urlAt, "pool '" + x.name + "': jdbcUrl does not match driver=\"" + driver.xmlName()
                    + "\": it must start with " + String.join(" or ", driver.urlPrefixes()));
        } else if (URL_USER_INFO.matcher(url).find()) {
            // Neither driver reads it (each takes the password for a port), and pgjdbc's parse failure
            // logs the piece it could not read, password included, before poold can mask it.
            problems.add(urlAt, "pool '" + x.name + "': jdbcUrl holds a user and password (//user:password@host),"
                    + " which the " + driver.xmlName() + " driver does not read: put them in <user> and <password>"
                    + " (the password as ${credential:NAME}, ${file:/path} or ${env:NAME})");
        } else {
            if (holdsSecret(url)) {
                inlineSecrets.add(urlAt); // ?password=... : masked in every log line, but readable in the file
            }
            url = driver.driverUrl(url);
            String missing = driver.missingDriver(url);
            if (missing != null) {
                problems.add(urlAt, "pool '" + x.name + "': " + missing);
            }
        }
        b.jdbcUrl(url);
        String user = secret(x.user, path, x.name, "user");
        b.user(user);
        b.password(secret(x.password, path, x.name, "password"));
        if (x.password != null && !x.password.isEmpty() && !SecretResolver.isReference(x.password)) {
            inlineSecrets.add(at.of(ElementLocations.child(path, "password", 1)));
        }
        driverProperties(x, path, b);

        duration(x.connectTimeout, path, "connectTimeout", b::connectTimeout);
        duration(x.socketTimeout, path, "socketTimeout", b::socketTimeout);
        set(x.initSql, b::initSql);
        set(x.defaultAutoCommit, b::defaultAutoCommit);
        if (x.defaultTransactionIsolation != null) {
            b.defaultTransactionIsolation(isolation(x.defaultTransactionIsolation.strip()));
        }
        set(x.defaultReadOnly, b::defaultReadOnly);
        set(x.defaultCatalog, b::defaultCatalog);
        set(x.defaultSchema, b::defaultSchema);
        set(x.minIdle, b::minIdle);
        set(x.maxSize, b::maxSize);
        set(x.burstMaxSize, b::burstMaxSize);
        duration(x.burstLifetime, path, "burstLifetime", b::burstLifetime);
        duration(x.burstWaitThreshold, path, "burstWaitThreshold", b::burstWaitThreshold);
        set(x.maxPending, b::maxPending);
        duration(x.borrowTimeout, path, "borrowTimeout", b::borrowTimeout);
        duration(x.idleTimeout, path, "idleTimeout", b::idleTimeout);
        duration(x.maxLifetime, path, "maxLifetime", b::maxLifetime);
        duration(x.validationSkipWindow, path, "validationSkipWindow", b::validationSkipWindow);
        duration(x.validationTimeout, path, "validationTimeout", b::validationTimeout);
        set(x.testQuery, b::testQuery);
        duration(x.reaperInterval, path, "reaperInterval", b::reaperInterval);
        duration(x.leakThreshold, path, "leakThreshold", b::leakThreshold);
        set(x.leakReclaim, b::leakReclaim);
        if (x.leakStackCapture != null) {
            b.leakStackCapture(StackCapture.valueOf(x.leakStackCapture.strip().toUpperCase(Locale.ROOT)));
        }
        set(x.leakStackSampleRate, b::leakStackSampleRate);
        if (x.idleOrder != null) {
            b.idleOrder(IdleOrder.valueOf(x.idleOrder.strip().toUpperCase(Locale.ROOT)));
        }
        set(x.maxConcurrentCreates, b::maxConcurrentCreates);
        duration(x.createBackoffInitial, path, "createBackoffInitial", b::createBackoffInitial);
        duration(x.createBackoffMax, path, "createBackoffMax", b::createBackoffMax);
        new ReplicasMapping(at, problems, inlineSecrets::add).map(x.replicas, path, x.name, driver, b);
        b.tenancy(new TenancyMapper(at, problems).map(x.tenancy, path, x.name));

        UnprivilegedH2User h2User = h2User(x, path, driver, url, user, b);
        List<String> clientUsers = clientUsers(x, path);
        if (problemCount() == before) {
            refuseH2Administrator(x, where, driver, url, h2User, clientUsers);
        }

        PoolConfig config = checked(b, path);
        if (config == null || problemCount() != before) {
            return null;
        }
        // The engine refuses this only when the pool is made: --check-config must say it too.
        if ((long) config.maxSize() + config.burstMaxSize() > pool.engine.Pools.MAX_CONNECTIONS_PER_POOL) {
            String message = "pool '" + x.name + "': maxSize + burstMaxSize (" + config.maxSize() + " + "
                    + config.burstMaxSize() + ") must not exceed " + pool.engine.Pools.MAX_CONNECTIONS_PER_POOL
                    + ", the most connections one pool may hold";
            problems.add(settingLocation("pool '" + x.name + "': maxSize ", path), message);
            return null;
        }
        return new PoolDefinition(config, driver, where, clientUsers, h2User);
    }

    /**
     * Builds the pool's configuration, recording every setting PoolConfig refuses (zero
     * where it needs more, minIdle above maxSize, backoff initial above max; its message
     * names the setting, which names the line). PoolConfig says one problem at a time, so
     * each refused setting is put back to its default and the rest checked again: every
     * problem of a file comes in one run, also in a pool with problems found before (a
     * missing secret). A refusal that names a setting already refused for another reason
     * (a duration that did not parse, now at its default) is not reported twice.
     *
     * @return the configuration, or null when PoolConfig refused a setting
     */
    private PoolConfig checked(PoolConfig.Builder b, String poolPath) {
        java.util.Set<String> putBack = new java.util.HashSet<>();
        while (true) {
            try {
                PoolConfig config = b.build();
                return putBack.isEmpty() ? config : null;
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                if (!namesASettingWithAProblem(message, poolPath)) {
                    problems.add(settingLocation(message, poolPath), message);
                }
                Matcher m = POOL_CONFIG_PROBLEM.matcher(message);
                java.util.function.BiConsumer<PoolConfig.Builder, PoolConfig> reset =
                        m.lookingAt() ? DEFAULTS_OF.get(m.group(1)) : null;
                if (reset == null || !putBack.add(m.group(1))) {
                    return null;
                }
                reset.accept(b, DEFAULTS);
            }
        }
    }

    /** @return whether {@code message} names a setting of the pool whose line already has a problem */
    private boolean namesASettingWithAProblem(String message, String poolPath) {
        Matcher words = SETTING_NAME.matcher(message);
        while (words.find()) {
            Location l = at.of(ElementLocations.child(poolPath, words.group(), 1));
            if (l.line() > 0 && problems.onLine(l.line())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks {@code <h2UnprivilegedUser>} and makes its schema the pool's default schema.
     *
     * @return the setup, or null when the pool has none or it has problems (recorded)
     */
    private UnprivilegedH2User h2User(XmlPool x, String path, DriverKind driver, String url, String user,
                                      PoolConfig.Builder b) {
        if (x.h2UnprivilegedUser == null) {
            return null;
        }
        String element = ElementLocations.child(path, "h2UnprivilegedUser", 1);
        int before = problemCount();
        String pool = "pool '" + x.name + "': ";
        if (driver != DriverKind.H2) {
            problems.add(at.of(element), pool + "h2UnprivilegedUser is for driver=\"h2\" pools only: remove it");
            return null;
        }
        Matcher database = H2_MEMORY_URL.matcher(url);
        if (!database.matches()) {
            problems.add(at.of(ElementLocations.child(path, "jdbcUrl", 1)), pool + "with <h2UnprivilegedUser> the"
                    + " jdbcUrl must be jdbc:h2:mem:NAME and nothing more (poold creates that in-memory database and"
                    + " adds the settings it needs); got " + Redaction.mask(url));
        }
        if (x.user == null) {
            problems.add(at.of(element), pool + "h2UnprivilegedUser needs <user>: the name of the unprivileged user"
                    + " poold creates for the pool, for example <user>app</user>");
        } else if (user != null && !H2_NAME.matcher(user).matches()) {
            problems.add(at.of(ElementLocations.child(path, "user", 1)), pool + "the user poold creates for"
                    + " <h2UnprivilegedUser> must be a letter, then up to 63 letters, digits or '_'");
        }
        if (x.password != null) {
            problems.add(at.of(ElementLocations.child(path, "password", 1)), pool + "give no <password> with"
                    + " <h2UnprivilegedUser>: poold makes a random one for the user it creates, and nobody needs it");
        }
        String schema = x.h2UnprivilegedUser.schema.strip().toUpperCase(Locale.ROOT);
        if (x.defaultSchema != null && !x.defaultSchema.strip().toUpperCase(Locale.ROOT).equals(schema)) {
            problems.add(at.of(ElementLocations.child(path, "defaultSchema", 1)), pool + "defaultSchema "
                    + x.defaultSchema.strip() + " is not the schema of <h2UnprivilegedUser>, " + schema
                    + ", the only one its user may create tables in: remove defaultSchema");
        }
        if (problemCount() != before) {
            return null;
        }
        b.defaultSchema(schema);
        return new UnprivilegedH2User(database.group(1), schema);
    }

    /**
     * Refuses an H2 pool that client users may use while its user may be an H2
     * administrator, unless the pool says {@code h2Admin="deliberate"}: whoever uses the
     * pool could run Java code in the daemon and read and write its files.
     */
    private void refuseH2Administrator(XmlPool x, Location where, DriverKind driver, String url,
                                       UnprivilegedH2User h2User, List<String> clientUsers) {
        boolean deliberate = x.h2Admin != null;
        String pool = "pool '" + x.name + "': ";
        if (driver != DriverKind.H2 || h2User != null) {
            if (deliberate) {
                problems.add(where, pool + (driver != DriverKind.H2 ? "h2Admin is for driver=\"h2\" pools only"
                        : "h2Admin=\"deliberate\" contradicts <h2UnprivilegedUser>, whose user is no administrator")
                        + ": remove h2Admin");
            }
            return;
        }
        List<String> admitted = clientUsers != null ? clientUsers : List.copyOf(clientNames);
        if (deliberate || admitted.isEmpty()) {
            return; // deliberate, or published to nobody
        }
        boolean memory = url.startsWith("jdbc:h2:mem:");
        problems.add(where, pool + "client users (" + String.join(", ", admitted) + ") may use this pool, and it "
                + (memory ? "logs in to its in-memory H2 database as an administrator (the first user of an H2"
                        + " database is its administrator)"
                        : "may log in to H2 as an administrator (the first user of an H2 database is its"
                        + " administrator, and poold cannot tell before connecting)")
                + ": any of them could run Java code inside poold (CREATE ALIAS) and read and write the daemon's"
                + " files (FILE_READ, CSVWRITE). Use an in-memory database with <h2UnprivilegedUser schema=\"APP\"/>"
                + " and <user>, so that poold creates an unprivileged user for the pool, or, if every one of these"
                + " client users may do all that, put h2Admin=\"deliberate\" on <pool>");
    }

    /** @return the users named in {@code <clientUsers>}, each checked against {@code <clients>}; null when absent */
    private List<String> clientUsers(XmlPool x, String path) {
        if (x.clientUsers == null) {
            return null;
        }
        List<String> users = new ArrayList<>();
        for (String user : x.clientUsers.strip().split("\\s+")) {
            if (user.isEmpty() || users.contains(user)) {
                continue;
            }
            if (!clientNames.contains(user)) {
                problems.add(at.of(ElementLocations.child(path, "clientUsers", 1)), "pool '" + x.name + "': clientUsers"
                        + " names '" + user + "', who is not a user in <clients>: add <user name=\"" + user
                        + "\" hash=\"...\"/> there (poold --hash-password makes the hash) or remove the name");
            } else {
                users.add(user);
            }
        }
        return users;
    }

    /** @return whether {@code jdbcUrl} holds a secret parameter: logs mask it, the file does not */
    static boolean holdsSecret(String jdbcUrl) {
        return URL_SECRET.matcher(jdbcUrl).find();
    }

    private void driverProperties(XmlPool x, String path, PoolConfig.Builder b) {
        String list = ElementLocations.child(path, "driverProperties", 1);
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < x.driverProperties.size(); i++) {
            XmlPool.Property p = x.driverProperties.get(i);
            String propPath = ElementLocations.child(list, "property", i + 1);
            String value = resolve(p.value, at.of(propPath), "pool '" + x.name + "': driver property " + p.name);
            if (value != null && !value.isEmpty() && !SecretResolver.isReference(p.value)
                    && SECRET_PROPERTY.matcher(p.name).find()) {
                inlineSecrets.add(at.of(propPath));
            }
            if (props.containsKey(p.name)) {
                problems.add(at.of(propPath), "pool '" + x.name + "': driver property '" + p.name
                        + "' is given twice: keep one");
            } else if (value != null) {
                props.put(p.name, value);
            }
        }
        b.driverProperties(props);
    }

    private Location settingLocation(String message, String poolPath) {
        Matcher m = POOL_CONFIG_PROBLEM.matcher(message);
        if (m.lookingAt()) {
            Location l = at.of(ElementLocations.child(poolPath, m.group(1), 1));
            if (l.line() > 0) {
                return l;
            }
        }
        return at.of(poolPath);
    }

    private String secret(String raw, String poolPath, String pool, String element) {
        if (raw == null) {
            return null;
        }
        return resolve(raw, at.of(ElementLocations.child(poolPath, element, 1)), "pool '" + pool + "': " + element);
    }

    private String resolve(String raw, Location where, String what) {
        try {
            return secrets.resolve(raw);
        } catch (IllegalArgumentException e) {
            problems.add(where, what + ": " + e.getMessage());
            return null;
        }
    }

    private void duration(String raw, String poolPath, String element, Consumer<Duration> setter) {
        if (raw != null) {
            Duration d = duration(raw, ElementLocations.child(poolPath, element, 1));
            if (d != null) {
                setter.accept(d);
            }
        }
    }

    private Duration duration(String raw, String path) {
        try {
            return Durations.parse(raw);
        } catch (IllegalArgumentException e) {
            String element = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('['));
            problems.add(at.of(path), element + ": " + e.getMessage());
            return null;
        }
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static int isolation(String value) {
        return switch (value) {
            case "none" -> Connection.TRANSACTION_NONE;
            case "read-uncommitted" -> Connection.TRANSACTION_READ_UNCOMMITTED;
            case "read-committed" -> Connection.TRANSACTION_READ_COMMITTED;
            case "repeatable-read" -> Connection.TRANSACTION_REPEATABLE_READ;
            case "serializable" -> Connection.TRANSACTION_SERIALIZABLE;
            // pools.xsd enumerates exactly the values above, and the file was validated.
            default -> throw new IllegalStateException("isolation '" + value + "' passed schema validation");
        };
    }

    private int problemCount() {
        return problems.count();
    }
}
