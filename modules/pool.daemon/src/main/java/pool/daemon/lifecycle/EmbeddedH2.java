package pool.daemon.lifecycle;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import pool.api.PoolConfig;
import pool.api.spi.ConnectionFactory;
import pool.daemon.config.PoolDefinition;
import pool.daemon.config.UnprivilegedH2User;

/**
 * Makes the H2 in-memory databases of pools with {@code <h2UnprivilegedUser>}: the
 * first connection to a new H2 database makes its user the administrator, and an
 * administrator can run Java code in the daemon's JVM and read and write its files, so
 * the daemon opens each such database first, as an administrator whose random password
 * lives only in this JVM's memory, and creates in it the pool's user without
 * administrator rights, owning the pool's schema. The pool's connections then log in
 * as that user, with {@code IFEXISTS=TRUE}: should the database ever be gone they fail
 * rather than create a new one whose administrator the pool's user would be.
 *
 * <p>The database is made when the pool opens its first connection, not when the pool
 * starts: a pool in the background (the default initialization) is up at once, and the
 * daemon's {@code ready} does not wait for H2 to load and make a database.
 *
 * <p>The passwords are kept for the life of the JVM, so a pool replaced by a reload
 * logs in to the same database with the same password. Nothing is ever written down.
 *
 * <p>H2 lets every user change its own password ({@code ALTER USER DEMO SET PASSWORD 'x'})
 * and drop the schema it owns, either of which would leave the pool unable to open another
 * connection until a restart: the pool's connections come from {@link #connections}, which
 * sets the password back, or makes the schema again (empty), as the administrator, and logs it.
 */
final class EmbeddedH2 {

    /** H2 stores unquoted names in upper case and looks login names up that way. */
    private static final String ADMIN = "POOLD_DATABASE_ADMIN";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Database name to what the daemon made in it; guarded by the class. */
    private static final Map<String, Database> DATABASES = new HashMap<>();

    /** A database this JVM created: its administrator's password and the users made in it. */
    private record Database(String adminPassword, Map<String, String> userPasswords) {
    }

    /** Creating a database or its user failed; the message says what to change. */
    static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private EmbeddedH2() {
    }

    /**
     * Creates the database and the unprivileged user of {@code def} unless this JVM has
     * already, and checks that the user is no administrator.
     *
     * @return the configuration the pool's connections use: the database's URL with
     *         {@code IFEXISTS=TRUE}, and the user's password
     */
    static synchronized PoolConfig prepare(PoolDefinition def) throws SetupException {
        UnprivilegedH2User setup = def.h2User();
        String user = def.config().user().toUpperCase(Locale.ROOT);
        String url = "jdbc:h2:mem:" + setup.database();
        checkUser(user);
        try {
            Database db = DATABASES.get(setup.database());
            if (db == null) {
                db = create(url);
                DATABASES.put(setup.database(), db);
            }
            String password = db.userPasswords().get(user);
            try (Connection admin = connect(url, ADMIN, db.adminPassword())) {
                if (password == null) {
                    password = randomPassword();
                    createUser(admin, user, password);
                    db.userPasswords().put(user, password);
                }
                ownSchema(admin, setup.schema(), user);
            }
            String poolUrl = poolUrl(def);
            try (Connection c = connect(poolUrl, user, password)) {
                checkUnprivileged(c, user);
            }
            return def.config().toBuilder().jdbcUrl(poolUrl).password(password).build();
        } catch (SQLException e) {
            throw new SetupException("cannot set up the H2 database " + setup.database() + " for <h2UnprivilegedUser>: "
                    + e.getMessage(), e);
        }
    }

    /**
     * What a pool of {@code def} is made with before its database exists: the checks that need
     * no database, and the URL its connections will use. Its {@link #connections} prepare the
     * database at their first login.
     *
     * @return {@code def}'s configuration with the URL of {@link #prepare} (and no password)
     */
    static PoolConfig poolConfig(PoolDefinition def) throws SetupException {
        checkUser(def.config().user().toUpperCase(Locale.ROOT));
        return def.config().toBuilder().jdbcUrl(poolUrl(def)).build();
    }

    /**
     * @return where the connections of a pool of {@code def} come from: the first prepares the
     *         database ({@link #prepare}); each logs in as the pool's user, the password set back
     *         when a client changed it
     */
    static ConnectionFactory connections(PoolDefinition def) {
        return new Connections(def);
    }

    /**
     * @return the failure to prepare a pool's database among {@code e}'s causes (the engine may
     *         wrap the exception of {@link #connections}), or null
     */
    static SetupException setupFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SetupException s) {
                return s;
            }
        }
        return null;
    }

    private static String poolUrl(PoolDefinition def) {
        return "jdbc:h2:mem:" + def.h2User().database() + ";IFEXISTS=TRUE";
    }

    private static void checkUser(String user) throws SetupException {
        if (user.equals(ADMIN)) {
            throw new SetupException("user " + user + " is the name of the database's administrator: choose another"
                    + " <user>", null);
        }
    }

    /** @return the administrator's password of {@code database}, or null when this JVM did not create it */
    private static synchronized String adminPassword(String database) {
        Database db = DATABASES.get(database);
        return db == null ? null : db.adminPassword();
    }

    /** The pool's logins to its H2 database, as the engine's JDBC factory makes them. */
    private static final class Connections implements ConnectionFactory {
        private static final System.Logger LOG = System.getLogger("poold.pool");
        /** H2's SQLStates for a wrong user name or password, and for a schema not found. */
        private static final String WRONG_PASSWORD = "28000";
        private static final String SCHEMA_NOT_FOUND = "90079";

        private final PoolDefinition def;
        private final String pool;
        private final String database;
        private final String schema;
        private final String url;
        private final String user;
        private final String testQuery;
        /** The login, once the database is prepared: user, password and driver properties. */
        private volatile Properties login;

        Connections(PoolDefinition def) {
            this.def = def;
            this.pool = def.name();
            this.database = def.h2User().database();
            this.schema = def.h2User().schema();
            this.url = poolUrl(def);
            this.user = def.config().user().toUpperCase(Locale.ROOT);
            this.testQuery = def.config().testQuery();
        }

        /** Prepares the database at the first login (again after a failure: a later one may succeed). */
        private Properties login() throws SQLException {
            Properties p = login;
            if (p != null) {
                return p;
            }
            synchronized (this) {
                if (login == null) {
                    PoolConfig prepared;
                    try {
                        prepared = prepare(def);
                    } catch (SetupException e) {
                        throw new SQLException(e.getMessage(), "08001", e);
                    }
                    Properties made = new Properties();
                    prepared.driverProperties().forEach(made::setProperty);
                    made.setProperty("user", prepared.user());
                    made.setProperty("password", prepared.password());
                    login = made;
                }
                return login;
            }
        }

        @Override
        public Connection create() throws SQLException {
            Properties properties = login();
            Connection c;
            try {
                c = DriverManager.getConnection(url, properties);
            } catch (SQLException e) {
                if (!WRONG_PASSWORD.equals(e.getSQLState()) || !asAdministrator("ALTER USER \"" + user
                        + "\" SET PASSWORD '" + properties.getProperty("password") + "'",
                        "changed the password of H2 user " + user + " (ALTER USER ... SET PASSWORD); poold set it back")) {
                    throw e;
                }
                c = DriverManager.getConnection(url, properties);
            }
            try {
                // The pool makes it the connection's schema next; a local call in an embedded database.
                c.setSchema(schema);
            } catch (SQLException e) {
                if (!SCHEMA_NOT_FOUND.equals(e.getSQLState()) || !asAdministrator("CREATE SCHEMA IF NOT EXISTS \""
                        + schema + "\" AUTHORIZATION \"" + user + "\"", "dropped schema " + schema
                        + " of H2 user " + user + "; poold made it again, empty")) {
                    destroy(c);
                    throw e;
                }
            }
            return c;
        }

        /**
         * Runs {@code repair} as the administrator (names, schema and password are checked
         * names or base64url, as in createUser) and logs that a client {@code did} it.
         *
         * @return whether it ran, so that the connection may be tried again
         */
        private boolean asAdministrator(String repair, String did) throws SQLException {
            String admin = adminPassword(database);
            if (admin == null) {
                return false;
            }
            try (Connection c = connect(url, ADMIN, admin); Statement s = c.createStatement()) {
                s.execute(repair);
            }
            LOG.log(System.Logger.Level.WARNING, "pool ''{0}'': a client {1}", pool, did);
            return true;
        }

        @Override
        public boolean validate(Connection connection, Duration timeout) {
            return ConnectionFactory.validate(connection, testQuery, timeout);
        }
    }

    private static Database create(String url) throws SQLException, SetupException {
        String password = randomPassword();
        // DB_CLOSE_DELAY=-1: the database lives as long as the JVM, even with no connection open.
        try (Connection c = connect(url + ";DB_CLOSE_DELAY=-1", ADMIN, password)) {
            if (!isAdmin(c)) {
                throw new SetupException("the in-memory database " + url + " exists already (another pool opened it"
                        + " first): a pool with <h2UnprivilegedUser> must have a database of its own, which poold"
                        + " creates; give it another jdbc:h2:mem: name", null);
            }
        } catch (SQLException e) {
            if ("28000".equals(e.getSQLState())) { // wrong user or password: someone else created it
                throw new SetupException("the in-memory database " + url + " exists already (another pool opened it"
                        + " first): a pool with <h2UnprivilegedUser> must have a database of its own, which poold"
                        + " creates; give it another jdbc:h2:mem: name", e);
            }
            throw e;
        }
        return new Database(password, new HashMap<>());
    }

    private static void createUser(Connection admin, String user, String password) throws SQLException {
        // Both are checked names (letters, digits, '_') or base64url: nothing in them needs quoting.
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS \"" + user + "\" PASSWORD '" + password + "'");
            s.execute("ALTER USER \"" + user + "\" SET PASSWORD '" + password + "'");
        }
    }

    /** Creates {@code schema} owned by {@code user}; an existing schema must be the user's already. */
    private static void ownSchema(Connection admin, String schema, String user) throws SQLException, SetupException {
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\" AUTHORIZATION \"" + user + "\"");
        }
        try (PreparedStatement q = admin.prepareStatement(
                "SELECT SCHEMA_OWNER FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            q.setString(1, schema);
            try (ResultSet rs = q.executeQuery()) {
                String owner = rs.next() ? rs.getString(1) : null;
                if (!user.equals(owner)) {
                    throw new SetupException("schema " + schema + " belongs to " + owner + ", not to " + user
                            + ": give <h2UnprivilegedUser> a schema of its own", null);
                }
            }
        }
    }

    private static void checkUnprivileged(Connection c, String user) throws SQLException, SetupException {
        if (isAdmin(c)) {
            throw new SetupException("user " + user + " is an administrator of the database: choose another <user>",
                    null);
        }
    }

    private static boolean isAdmin(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url, p);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
