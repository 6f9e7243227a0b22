/**
 * The engine's internals (not exported). How a borrow flows:
 *
 * <pre>
 *  Borrower ── takeIdle ──► bag.Bag ◄── release ── Returner ◄── ProxyConnection.close()
 *     │  (nobody waiting: lock-free pop + CAS)  │ (reset via proxy.ConnectionState first;
 *     │                                         │  a changed session via dialect.Dialect)
 *     └─ slow path: bag.enqueue(BlockingWaiter / AsyncWaiter) ─► bag.PriorityWaiterQueue
 *                   create.Creator.demand() ─► JdbcConnectionFactory (own executor)
 *  lifecycle.Reaper (one housekeeper): LifecyclePolicy, BurstPolicy, leak.LeakDetector,
 *                   metrics rotation, Creator.demand() for minIdle
 *  core.Retirement: frees slot and place, closes on the closer thread
 * </pre>
 *
 * <p>What every part shares lives in {@code core}, which depends on no other engine
 * package but {@code bag}, {@code metrics} and {@code proxy}: the entry ({@code PoolEntry}),
 * the size, the live settings, retirement, the clock, and the {@code EngineCore} that
 * hands them to the borrower, the creator and the reaper. No sub-package depends on
 * this one, so the packages form no cycle.
 *
 * <p>{@link pool.engine.internal.EnginePool} only wires these together and keeps the pool's
 * own lifecycle state. The {@code bag} package knows nothing about JDBC.
 */
package pool.engine.internal;
