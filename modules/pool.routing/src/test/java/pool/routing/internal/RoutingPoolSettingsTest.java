package pool.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import pool.api.LiveSettings;
import pool.api.PoolConfig;
import pool.api.PoolState;
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

    /**
     * A reload opens an added replica's pool with the settings in force when it started; a
     * live change (JMX, poolctl set) landing while that pool opens must reach it too.
     */
    @Test
    void aSettingChangedWhileAReloadOpensANewReplicaReachesThatReplicaToo() throws Exception {
        java.util.concurrent.atomic.AtomicReference<RoutingPool> routing = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean changeWhileOpening = new java.util.concurrent.atomic.AtomicBoolean();
        pool.api.spi.RoutingProvider.Servers servers = new pool.api.spi.RoutingProvider.Servers() {
            @Override
            public pool.api.ConnectionPool primary(PoolConfig config) throws java.sql.SQLException {
                return Pools.create(config);
            }

            @Override
            public pool.api.ConnectionPool replica(PoolConfig config) throws java.sql.SQLException {
                pool.api.ConnectionPool made = Pools.create(config);
                if (changeWhileOpening.get()) {
                    Thread write = Thread.ofPlatform().start(
                            () -> routing.get().update(s -> s.withSize(s.minIdle(), 9)));
                    try {
                        write.join();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
                return made;
            }
        };
        PoolConfig config = PoolConfig.builder("routed-reload-write").jdbcUrl(StubDatabase.unique("rrw-p").url())
                .maxSize(2).reaperInterval(Duration.ofHours(1))
                .replicas(Replicas.builder().replica("r1", StubDatabase.unique("rrw-r1").url()).build()).build();
        try (RoutingPool pool = (RoutingPool) new ReplicaRoutingProvider().create(config, servers)) {
            routing.set(pool);
            changeWhileOpening.set(true);
            pool.changeReplicas(Replicas.builder().replica("r1", config.replicas().servers().get(0).jdbcUrl())
                    .replica("r2", StubDatabase.unique("rrw-r2").url()).build(), Duration.ofSeconds(5));
            assertEquals(9, pool.liveSettings().maxSize());
            assertEquals(2, pool.replicaSettings().size());
            for (LiveSettings replica : pool.replicaSettings()) {
                assertEquals(pool.liveSettings(), replica, "the added replica's pool runs with the change too");
            }
        }
    }

    @Test
    void aReplicaAddedWhileThePoolIsSuspendedWaitsForTheResumeWithTheOthers() throws Exception {
        pool.api.spi.RoutingProvider.Servers servers = plainServers();
        PoolConfig config = PoolConfig.builder("routed-reload-suspended").jdbcUrl(StubDatabase.unique("rrs-p").url())
                .maxSize(2).reaperInterval(Duration.ofHours(1))
                .replicas(Replicas.builder().replica("r1", StubDatabase.unique("rrs-r1").url()).build()).build();
        try (RoutingPool pool = (RoutingPool) new ReplicaRoutingProvider().create(config, servers)) {
            pool.suspend();
            pool.changeReplicas(Replicas.builder().replica("r1", config.replicas().servers().get(0).jdbcUrl())
                    .replica("r2", StubDatabase.unique("rrs-r2").url()).build(), Duration.ofSeconds(5));
            for (pool.routing.internal.replica.ReplicaServer r : pool.replicas()) {
                assertEquals(PoolState.SUSPENDED, r.pool().stats().state(), r.name());
            }
            pool.resume();
            for (pool.routing.internal.replica.ReplicaServer r : pool.replicas()) {
                assertEquals(PoolState.RUNNING, r.pool().stats().state(), r.name());
            }
        }
    }

    /** A shutdown (SIGTERM's drain) does not leave a replica that a reload removed draining behind it. */
    @Test
    void aShutdownClosesTheReplicasAReloadRemovedThatAreStillDraining() throws Exception {
        PoolConfig config = PoolConfig.builder("routed-left-drain").jdbcUrl(StubDatabase.unique("rld-p").url())
                .maxSize(2).reaperInterval(Duration.ofHours(1))
                .replicas(Replicas.builder().replica("r1", StubDatabase.unique("rld-r1").url()).build()).build();
        RoutingPool pool = (RoutingPool) new ReplicaRoutingProvider().create(config, plainServers());
        pool.api.ConnectionPool left = pool.replicas().get(0).pool();
        java.sql.Connection held = left.getConnection(); // a read under way on the replica that leaves
        pool.changeReplicas(Replicas.builder().replica("r2", StubDatabase.unique("rld-r2").url()).build(),
                Duration.ofHours(1));
        assertEquals(PoolState.DRAINING, left.stats().state());
        org.junit.jupiter.api.Assertions.assertFalse(pool.drainAndClose(Duration.ofMillis(200)),
                "a connection of the removed replica was still out");
        assertEquals(PoolState.CLOSED, left.stats().state(), "closed with the pool, not an hour later");
        held.close();
    }

    private static pool.api.spi.RoutingProvider.Servers plainServers() {
        return new pool.api.spi.RoutingProvider.Servers() {
            @Override
            public pool.api.ConnectionPool primary(PoolConfig config) throws java.sql.SQLException {
                return Pools.create(config);
            }

            @Override
            public pool.api.ConnectionPool replica(PoolConfig config) throws java.sql.SQLException {
                return Pools.create(config);
            }
        };
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
