package pool.client.internal;

import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.SessionInfo;

/**
 * A connection's properties as the application sees them (auto-commit, read-only,
 * isolation, holdability, catalog, schema, client info): a setter is deferred to the next
 * call and remembered; a getter answers what is known, else asks the daemon once. The
 * borrow's {@link SessionInfo} fills in what the application did not set before it.
 *
 * <p>Guarded by the session's lock ({@link RemoteSession}), as a call adopts values here.
 */
final class SessionProperties {

    private final RemoteSession session;
    private Boolean autoCommit;
    private Boolean readOnly;
    private Integer isolation;
    private Integer holdability;
    private String catalog;
    private String schema;
    private boolean catalogKnown;
    private boolean schemaKnown;

    SessionProperties(RemoteSession session) {
        this.session = session;
    }

    /** Takes the daemon's values at the borrow; what the application set before it is queued already and stands. */
    void adopt(SessionInfo info) {
        if (autoCommit == null) autoCommit = info.autoCommit();
        if (readOnly == null) readOnly = info.readOnly();
        if (holdability == null) holdability = info.holdability();
    }

    /** @return auto-commit as known without a call; null before the borrow and before any setter */
    Boolean autoCommitKnown() {
        return autoCommit;
    }

    void setAutoCommit(boolean value) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            if (autoCommit != null && autoCommit == value) {
                return;
            }
            session.deferProperty(Op.Property.AUTO_COMMIT, value);
            autoCommit = value;
        }
    }

    boolean autoCommit() throws SQLException {
        synchronized (session) {
            session.checkOpen();
            if (autoCommit == null) {
                autoCommit = (Boolean) session.property(Op.Property.AUTO_COMMIT);
            }
            return autoCommit;
        }
    }

    void setReadOnly(boolean value) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            session.deferProperty(Op.Property.READ_ONLY, value);
            readOnly = value;
        }
    }

    boolean readOnly() throws SQLException {
        synchronized (session) {
            session.checkOpen();
            if (readOnly == null) {
                readOnly = (Boolean) session.property(Op.Property.READ_ONLY);
            }
            return readOnly;
        }
    }

    void setIsolation(int level) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            session.deferProperty(Op.Property.ISOLATION, level);
            isolation = level;
        }
    }

    int isolation() throws SQLException {
        synchronized (session) {
            session.checkOpen();
            if (isolation == null) {
                isolation = (Integer) session.property(Op.Property.ISOLATION);
            }
            return isolation;
        }
    }

    void setHoldability(int value) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            session.deferProperty(Op.Property.HOLDABILITY, value);
            holdability = value;
        }
    }

    int holdability() throws SQLException {
        synchronized (session) {
            session.checkOpen();
            if (holdability == null) {
                holdability = (Integer) session.property(Op.Property.HOLDABILITY);
            }
            return holdability;
        }
    }

    void setCatalog(String value) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            session.deferProperty(Op.Property.CATALOG, value);
            catalog = value;
            catalogKnown = true;
        }
    }

    String catalog() throws SQLException {
        synchronized (session) {
            session.checkOpen();
            if (!catalogKnown) {
                catalog = (String) session.property(Op.Property.CATALOG);
                catalogKnown = true;
            }
            return catalog;
        }
    }

    void setSchema(String value) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            session.deferProperty(Op.Property.SCHEMA, value);
            schema = value;
            schemaKnown = true;
        }
    }

    String schema() throws SQLException {
        synchronized (session) {
            session.checkOpen();
            if (!schemaKnown) {
                schema = (String) session.property(Op.Property.SCHEMA);
                schemaKnown = true;
            }
            return schema;
        }
    }

    /** The backend driver's client info of the daemon's connection (one call; what was set here included). */
    Properties clientInfo() throws SQLException {
        String[] pairs;
        synchronized (session) {
            session.checkOpen();
            pairs = (String[]) session.property(Op.Property.CLIENT_INFO);
        }
        Properties p = new Properties();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i] != null && pairs[i + 1] != null) {
                p.setProperty(pairs[i], pairs[i + 1]);
            }
        }
        return p;
    }

    /**
     * Set on the daemon's connection with the next call (the pool resets it when the connection
     * goes back); a name the driver refuses is reported by that call.
     */
    void setClientInfo(String name, String value) throws SQLClientInfoException {
        synchronized (session) {
            checkNotClosed();
            session.deferProperty(Op.Property.CLIENT_INFO, new String[] {name, value});
        }
    }

    void setClientInfo(Properties properties) throws SQLClientInfoException {
        Properties p = properties == null ? new Properties() : properties;
        synchronized (session) {
            checkNotClosed();
            String[] pairs = new String[p.size() * 2];
            int i = 0;
            for (String name : p.stringPropertyNames()) {
                pairs[i++] = name;
                pairs[i++] = p.getProperty(name);
            }
            session.deferProperty(Op.Property.CLIENT_INFO_ALL, Arrays.copyOf(pairs, i));
        }
    }

    private void checkNotClosed() throws SQLClientInfoException {
        if (session.isClosed()) {
            throw new SQLClientInfoException("connection is closed", Protocol.STATE_NO_CONNECTION, 0, null);
        }
    }
}
