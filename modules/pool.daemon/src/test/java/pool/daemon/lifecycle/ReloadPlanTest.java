package pool.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.daemon.lifecycle.Definitions.byName;
import static pool.daemon.lifecycle.Definitions.pool;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import pool.daemon.config.DriverKind;
import pool.daemon.config.PoolDefinition;

class ReloadPlanTest {

    @Test
    void identicalFilesChangeNothing() {
        var plan = ReloadPlan.between(byName(pool("a"), pool("b")), byName(pool("a"), pool("b")));
        assertTrue(plan.isEmpty());
        assertEquals(List.of("a", "b"), plan.unchanged());
    }

    @Test
    void poolOnlyInTheNewFileIsAdded() {
        var plan = ReloadPlan.between(byName(pool("a")), byName(pool("a"), pool("b")));
        assertEquals(List.of(pool("b")), plan.added());
    }

    @Test
    void poolMissingFromTheNewFileIsRemoved() {
        var plan = ReloadPlan.between(byName(pool("a"), pool("b")), byName(pool("a")));
        assertEquals(List.of(pool("b")), plan.removed());
    }

    @Test
    void liveTunableChangeIsAppliedInPlace() {
        var resized = pool("a", b -> b.minIdle(2).maxSize(8).borrowTimeout(Duration.ofSeconds(3)));
        var plan = ReloadPlan.between(byName(pool("a")), byName(resized));
        assertEquals(1, plan.retuned().size());
        assertEquals(resized.config().liveSettings(), plan.retuned().getFirst().settings());
        assertTrue(plan.replaced().isEmpty());
    }

    @Test
    void urlChangeReplacesThePool() {
        var moved = pool("a", b -> b.jdbcUrl("jdbc:postgresql://10.0.0.2/a"));
        assertEquals(List.of(moved), ReloadPlan.between(byName(pool("a")), byName(moved)).replaced());
    }

    @Test
    void rotatedPasswordReplacesThePool() {
        var rotated = pool("a", b -> b.password("new"));
        assertEquals(List.of(rotated), ReloadPlan.between(byName(pool("a")), byName(rotated)).replaced());
    }

    @Test
    void nonLiveSettingChangeReplacesThePool() {
        var other = pool("a", b -> b.connectTimeout(Duration.ofSeconds(1)));
        assertEquals(List.of(other), ReloadPlan.between(byName(pool("a")), byName(other)).replaced());
    }

    @Test
    void driverChangeReplacesThePool() {
        PoolDefinition a = pool("a");
        var mariadb = new PoolDefinition(a.config(), DriverKind.MARIADB, a.location());
        assertEquals(List.of(mariadb), ReloadPlan.between(byName(a), byName(mariadb)).replaced());
    }

    @Test
    void replicasChangeIsAppliedInPlaceWithTheLiveSettings() {
        var one = pool("a", b -> b.replicas(pool.api.Replicas.builder()
                .replica("r1", "jdbc:postgresql://10.0.0.3/a").build()));
        var two = pool("a", b -> b.maxSize(9).replicas(pool.api.Replicas.builder()
                .replica("r1", "jdbc:postgresql://10.0.0.3/a").replica("r2", "jdbc:postgresql://10.0.0.4/a")
                .maxLag(Duration.ofSeconds(5)).build()));
        var plan = ReloadPlan.between(byName(one), byName(two));
        assertEquals(1, plan.retuned().size(), plan.summary());
        assertEquals(two.config().replicas(), plan.retuned().getFirst().replicas());
        assertEquals(two.config().liveSettings(), plan.retuned().getFirst().settings());
        assertTrue(plan.replaced().isEmpty());
        assertEquals(null, ReloadPlan.between(byName(pool("a")), byName(pool("a", b -> b.maxSize(9))))
                .retuned().getFirst().replicas(), "a live retune changes no replicas");
    }

    @Test
    void addingOrRemovingTheReplicasSectionReplacesThePool() {
        var routed = pool("a", b -> b.replicas(pool.api.Replicas.builder()
                .replica("r1", "jdbc:postgresql://10.0.0.3/a").build()));
        assertEquals(List.of(routed), ReloadPlan.between(byName(pool("a")), byName(routed)).replaced());
        assertEquals(List.of(pool("a")), ReloadPlan.between(byName(routed), byName(pool("a"))).replaced());
    }
}
