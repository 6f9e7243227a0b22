/**
 * What differs between databases, behind one interface chosen once per pool:
 * {@link pool.engine.internal.dialect.Dialect} (driver properties, how a session is reset,
 * how a transaction SQL began in autocommit is ended) with its PostgreSQL, MariaDB and
 * retiring (H2 and unknown databases) implementations. The rest of the engine never looks
 * at the URL or the driver's classes.
 */
package pool.engine.internal.dialect;
