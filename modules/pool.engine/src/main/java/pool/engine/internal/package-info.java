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
 *  Retirement: frees slot and place, closes on the closer thread
 * </pre>
 *
 * <p>{@link pool.engine.internal.EnginePool} only wires these together and keeps the pool's
 * own lifecycle state. The {@code bag} package knows nothing about JDBC.
 */
package pool.engine.internal;
