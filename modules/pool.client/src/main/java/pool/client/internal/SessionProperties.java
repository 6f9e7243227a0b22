package pool.client.internal;

import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
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
    /** The values known without a call, null ones included (a catalog may be null). */
    private final EnumMap<Op.Property, Object> known = new EnumMap<>(Op.Property.class);

    SessionProperties(RemoteSession session) {
        this.session = session;
    }

    /** Takes the daemon's values at the borrow; what the application set before it is queued already and stands. */
    void adopt(SessionInfo info) {
        known.putIfAbsent(Op.Property.AUTO_COMMIT, info.autoCommit());
        known.putIfAbsent(Op.Property.READ_ONLY, info.readOnly());
        known.putIfAbsent(Op.Property.HOLDABILITY, info.holdability());
    }

    /** @return auto-commit as known without a call; null before the borrow and before any setter */
    Boolean autoCommitKnown() {
        return (Boolean) known.get(Op.Property.AUTO_COMMIT);
    }

    /** Sets auto-commit with the next call; no call at all when it is known to be {@code value} already. */
    void setAutoCommit(boolean value) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            if (!Boolean.valueOf(value).equals(autoCommitKnown())) {
                set(Op.Property.AUTO_COMMIT, value);
            }
        }
    }

    /** Sets {@code property} with the next call (a connection property the application changed, so the session is pinned). */
    void set(Op.Property property, Object value) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            session.deferProperty(property, value);
            known.put(property, value);
        }
    }

    /**
     * Sets {@code property} now, in a call of its own, where the backend driver may refuse it
     * at once: so that its error comes from the setter, as directly, and not from the next
     * statement (or from {@code close()}).
     *
     * @param remember whether the getter may answer {@code value} without a call; not where the
     *        driver may ignore the setter (pgjdbc's {@code setCatalog}), so the getter asks it
     */
    void setNow(Op.Property property, Object value, boolean remember) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            session.setPropertyNow(property, value);
            if (remember) {
                known.put(property, value);
            } else {
                known.remove(property);
            }
        }
    }

    /**
     * @return whether a transaction may be under way on the daemon's connection (autocommit off
     *         and a connection borrowed), in which drivers refuse some setters (pgjdbc: read-only
     *         and isolation, 25001)
     */
    boolean mayBeInTransaction() {
        synchronized (session) {
            return Boolean.FALSE.equals(autoCommitKnown()) && session.borrowed();
        }
    }

    /**
     * Sets {@code property} with the next call, and asks the daemon when the application reads it:
     * for a setter the driver may ignore or resolve (pgjdbc's {@code setSchema} of a schema that
     * does not exist leaves {@code getSchema()} null; MariaDB's does nothing).
     */
    void setAndAsk(Op.Property property, Object value) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            session.deferProperty(property, value);
            known.remove(property);
        }
    }

    /** @return the value of {@code property}: as known, else asked of the daemon once */
    Object get(Op.Property property) throws SQLException {
        synchronized (session) {
            session.checkOpen();
            if (!known.containsKey(property)) {
                known.put(property, session.property(property));
            }
            return known.get(property);
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
