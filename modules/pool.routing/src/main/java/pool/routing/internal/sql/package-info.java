/**
 * Which autocommit statements only read: {@link pool.routing.internal.sql.ReadClassifier} over the
 * engine's SQL lexer, and its per-pool cache.
 */
package pool.routing.internal.sql;
