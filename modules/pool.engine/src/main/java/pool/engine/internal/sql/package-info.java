/**
 * Reading SQL text: {@link pool.engine.internal.sql.SqlLexer} splits it into tokens the way
 * PostgreSQL, MariaDB and H2 would (and says where they would disagree),
 * {@link pool.engine.internal.sql.SessionEffects} tells from the tokens whether running the
 * text may change the database session, and
 * {@link pool.engine.internal.sql.ReadClassifier} whether it only reads (the routing module's
 * replica reads, the daemon's read-only transactions); {@link pool.engine.internal.sql.TextCache}
 * remembers such answers per text, within bounds. Nothing here knows about connections or
 * the pool.
 */
package pool.engine.internal.sql;
