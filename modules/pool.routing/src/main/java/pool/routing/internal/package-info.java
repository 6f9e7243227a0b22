/**
 * Read/write routing: {@link pool.routing.internal.RoutingPool} over one engine pool per
 * server, and the logical connections it hands out
 * ({@link pool.routing.internal.LogicalConnection}), which route each statement.
 */
package pool.routing.internal;
