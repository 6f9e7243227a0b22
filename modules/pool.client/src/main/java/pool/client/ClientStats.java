package pool.client;

/**
 * What a {@link RemoteDataSource} has asked of the daemon so far.
 *
 * @param roundTrips   calls to the daemon made for the application: registry lookups,
 *                     logins, operation calls and cancels (lease renewals and the set-up of
 *                     connections excluded)
 * @param lookups      registry lookups (1, plus one per reconnect)
 * @param logins       logins (1 per user, plus one per reconnect or expired ticket, and one
 *                     ahead of each ticket lifetime the daemon grants, made in the background)
 * @param renewals     background lease renewals
 * @param linkFailures calls that failed because the link to the daemon broke
 * @param channels     call channels opened (connections that carry the operation calls):
 *                     one per call in flight at once, kept for later calls, plus new ones
 *                     after a reconnect
 */
public record ClientStats(long roundTrips, long lookups, long logins, long renewals, long linkFailures,
                          long channels) {
}
