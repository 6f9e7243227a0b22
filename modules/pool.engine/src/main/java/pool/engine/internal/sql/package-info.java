/**
 * Reading SQL text: {@link pool.engine.internal.sql.SqlLexer} splits it into tokens the way
 * PostgreSQL, MariaDB and H2 would (and says where they would disagree), and
 * {@link pool.engine.internal.sql.SessionEffects} tells from the tokens whether running the
 * text may change the database session, remembered per text by
 * {@link pool.engine.internal.sql.SessionEffectsCache}. Nothing here knows about
 * connections or the pool.
 */
package pool.engine.internal.sql;
