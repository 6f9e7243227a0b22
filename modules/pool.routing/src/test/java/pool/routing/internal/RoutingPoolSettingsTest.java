package pool.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import pool.api.LiveSettings;
import pool.api.PoolConfig;
import pool.api.Replicas;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;
import pool.testsupport.concurrent.Together;

/** A routing pool's live settings: one change reaches the primary's pool and every replica's. */
class RoutingPoolSettingsTest {

    private static RoutingPool open(String name) throws Exception {
        PoolConfig config = PoolConfig.builder(name).jdbcUrl(StubDatabase.unique(name + "-p").url()).maxSize(2)
                .reaperInterval(Duration.ofHours(1))
                .replicas(Replicas.builder().replica("r1", StubDatabase.unique(name + "-r1").url())
                        .replica("r2", StubDatabase.unique(name + "-r2").url()).build())
                .build();
        return (RoutingPool) Pools.create(config);
    }

    @Test
    void updatesMadeAtOnceNeverUndoEachOtherOnAnyPart() throws Exception {
        try (RoutingPool pool = open("routed-updates")) {
            Together.run(16, 25, () -> pool.update(s -> s.withSize(s.minIdle(), s.maxSize() + 1)));
            assertEquals(2 + 16 * 25, pool.liveSettings().maxSize(), "every one of the 400 increments kept");
            for (LiveSettings replica : pool.replicaSettings()) {
                assertEquals(pool.liveSettings(), replica);
            }
        }
    }

    @Test
    void theLoginTimeoutIsEveryPartsBorrowTimeout() throws Exception {
        try (RoutingPool pool = open("routed-login")) {
            pool.setLoginTimeout(7);
            assertEquals(7, pool.getLoginTimeout());
            for (LiveSettings replica : pool.replicaSettings()) {
                assertEquals(Duration.ofSeconds(7), replica.borrowTimeout(), "a read waits as long as a write");
            }
        }
    }
}
