/**
 * The replicas of a routing pool: each one's state, lag and position
 * ({@link pool.routing.internal.replica.ReplicaServer}), the background check that measures
 * them ({@link pool.routing.internal.replica.HealthMonitor}, with a
 * {@link pool.routing.internal.replica.ReplicationProbe} per database), and the choice of
 * replica for a read ({@link pool.routing.internal.replica.ReplicaChooser}).
 */
package pool.routing.internal.replica;
