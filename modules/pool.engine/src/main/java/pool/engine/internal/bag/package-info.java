/**
 * The borrow/return structure, free of JDBC: {@link pool.engine.internal.bag.Bag} (lock-free
 * idle take, direct hand-off to the longest waiter, no barging), the idle sets (striped LIFO
 * stack, FIFO ring), and the waiter contracts ({@link pool.engine.internal.bag.Waiter},
 * {@link pool.engine.internal.bag.WaiterQueue}) that async borrowing, per-tenant queues and
 * multi-pool routing plug into.
 */
package pool.engine.internal.bag;
