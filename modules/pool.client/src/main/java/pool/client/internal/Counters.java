package pool.client.internal;

import java.util.concurrent.atomic.LongAdder;

/** What a data source has asked of the daemon; read by {@code RemoteDataSource.stats()}. */
public final class Counters {
    /** Every call to the daemon on behalf of the application: logins, lookups and operation calls. */
    public final LongAdder roundTrips = new LongAdder();
    public final LongAdder lookups = new LongAdder();
    public final LongAdder logins = new LongAdder();
    /** Call channels opened: connection set-up (a connect and a hello), not counted as round trips. */
    public final LongAdder channels = new LongAdder();
    /** Background lease renewals; not application round trips. */
    public final LongAdder renewals = new LongAdder();
    public final LongAdder linkFailures = new LongAdder();
}
