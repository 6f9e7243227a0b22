/**
 * The per-pool cache of {@link pool.engine.internal.sql.ReadClassifier}'s answers: which
 * autocommit statements only read. The classifier itself reads SQL with the engine's lexer,
 * beside it in {@code pool.engine.internal.sql}, where the daemon's remote sessions use it too.
 */
package pool.routing.internal.sql;
