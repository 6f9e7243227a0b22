/**
 * What the engine's parts share: one connection's entry ({@link pool.engine.internal.core.PoolEntry}),
 * the places taken ({@link pool.engine.internal.core.PoolSize}), the live settings,
 * {@link pool.engine.internal.core.Retirement}, the pool's clock and the engine's tuning,
 * gathered in {@link pool.engine.internal.core.EngineCore}. It depends only on {@code bag},
 * {@code metrics} and {@code proxy}, so the creator, the reaper and the leak detector can
 * use it without depending on the package that wires them together.
 */
package pool.engine.internal.core;
