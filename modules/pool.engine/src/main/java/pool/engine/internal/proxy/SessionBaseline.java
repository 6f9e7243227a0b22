package pool.engine.internal.proxy;

import pool.engine.internal.dialect.SessionReset;

/**
 * The session state a connection has when handed out: the pool's configured defaults,
 * and for what the configuration leaves open, whatever the driver gave the connection
 * when it was opened. Reset-on-return restores exactly these values ({@code clientInfo} is
 * null when the driver would not say; a connection whose client info changed is then closed); {@code sessionReset}
 * is how the database session itself is reset when SQL may have changed it, or null when
 * the database offers no reset the pool trusts (the connection is then closed instead).
 */
public record SessionBaseline(boolean autoCommit, int isolation, boolean readOnly, String catalog, String schema,
                              int networkTimeoutMillis, int holdability, java.util.Map<String, String> clientInfo,
                              SessionReset sessionReset) {
}
