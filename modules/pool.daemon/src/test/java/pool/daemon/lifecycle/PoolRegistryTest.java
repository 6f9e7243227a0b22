package pool.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.daemon.lifecycle.Definitions.byName;
import static pool.daemon.lifecycle.Definitions.unreachableFailFast;
import static pool.daemon.lifecycle.Definitions.pool;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.PoolConfig;
import pool.testsupport.await.Await;

class PoolRegistryTest {

    private static final Duration DRAIN = Duration.ofSeconds(7);

    /** Every pool created, by name; a name created twice keeps the latest. */
    private final Map<String, FakePool> created = new ConcurrentHashMap<>();
    private final PoolRegistry registry = new PoolRegistry(this::create);

    private FakePool create(PoolConfig config) throws SQLException {
        if (config.jdbcUrl().contains("unreachable")) {
            throw new SQLNonTransientConnectionException("Connection to 127.0.0.1:1 refused", "08001",
                    new ConnectException("refused"));
        }
        FakePool p = new FakePool(config);
        created.put(config.name(), p);
        return p;
    }

    private FakePool running(String name) {
        return (FakePool) registry.pool(name).orElseThrow();
    }

    @Test
    void poolsStartInParallel() throws Exception {
        int n = 4;
        CountDownLatch allStarting = new CountDownLatch(n);
        // Each start waits until every start has begun: only a parallel start finishes.
        var parallel = new PoolRegistry(config -> {
            allStarting.countDown();
            try {
                if (!allStarting.await(5, TimeUnit.SECONDS)) {
                    throw new SQLException("starts ran one after another");
                }
            } catch (InterruptedException e) {
                throw new SQLException("interrupted", e);
            }
            return new FakePool(config);
        });
        parallel.start(List.of(pool("a"), pool("b"), pool("c"), pool("d")));
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(new TreeSet<>(parallel.definitions().keySet())));
    }

    @Test
    void failFastPoolThatCannotConnectStopsTheStartAndClosesTheOthers() {
        var e = assertThrows(PoolStartException.class,
                () -> registry.start(List.of(pool("a"), unreachableFailFast("orders"))));
        assertEquals(1, e.problems().size());
        String problem = e.problems().getFirst();
        assertTrue(problem.startsWith("pools.xml:3:5: pool 'orders': cannot connect and initialization=\"fail-fast\""),
                problem);
        assertTrue(created.get("a").closed, "the pool that did start is closed again");
        assertTrue(registry.pool("a").isEmpty());
    }

    @Test
    void reloadAddsRemovesAndRetunesWithoutTouchingTheRest() throws Exception {
        registry.start(List.of(pool("keep"), pool("gone"), pool("resize")));
        FakePool keep = running("keep");
        FakePool gone = running("gone");
        FakePool resize = running("resize");
        var next = byName(pool("keep"), pool("resize", b -> b.minIdle(2).maxSize(9)), pool("new"));

        registry.apply(ReloadPlan.between(registry.definitions(), next), DRAIN);

        assertSame(keep, running("keep"));
        assertTrue(keep.applied.isEmpty());
        assertSame(resize, running("resize"), "a retuned pool keeps its connections");
        assertEquals(9, resize.liveSettings().maxSize());
        assertTrue(registry.pool("gone").isEmpty());
        awaitClosed(gone);
        assertEquals(DRAIN, gone.drainedWith);
        assertTrue(registry.pool("new").isPresent());
        assertEquals(next, registry.definitions().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void replacementServesNewBorrowsBeforeTheOldPoolDrains() throws Exception {
        registry.start(List.of(pool("a")));
        FakePool old = running("a");
        CountDownLatch drainSeen = new CountDownLatch(1);
        var lookedUpDuringDrain = new java.util.concurrent.atomic.AtomicReference<Object>();
        old.onDrain = () -> {
            lookedUpDuringDrain.set(registry.pool("a").orElse(null));
            drainSeen.countDown();
        };
        var moved = pool("a", b -> b.jdbcUrl("jdbc:postgresql://10.0.0.2/a"));

        registry.apply(ReloadPlan.between(registry.definitions(), byName(moved)), DRAIN);

        assertTrue(drainSeen.await(5, TimeUnit.SECONDS));
        assertSame(running("a"), lookedUpDuringDrain.get(), "lookups already see the new pool while the old drains");
        assertFalse(running("a") == old);
        awaitClosed(old);
    }

    @Test
    void reloadWithAPoolThatCannotStartChangesNothing() throws Exception {
        registry.start(List.of(pool("a"), pool("b")));
        FakePool a = running("a");
        FakePool b = running("b");
        var next = byName(pool("a", x -> x.maxSize(8)), pool("new"), unreachableFailFast("c"));

        assertThrows(PoolStartException.class,
                () -> registry.apply(ReloadPlan.between(registry.definitions(), next), DRAIN));

        assertSame(a, running("a"));
        assertEquals(4, a.liveSettings().maxSize(), "the retune did not happen");
        assertSame(b, running("b"));
        assertFalse(b.closed, "the pool the new file drops is still running");
        assertTrue(registry.pool("new").isEmpty());
        assertTrue(created.get("new").closed, "the pool started for the reload is closed again");
    }

    @Test
    void refusedRetuneRollsBackEarlierRetunes() throws Exception {
        registry.start(List.of(pool("a"), pool("b")));
        FakePool a = running("a");
        // FakePool refuses minIdle > maxSize, as the engine would refuse settings it cannot take.
        var next = byName(pool("a", x -> x.maxSize(8)), pool("b", x -> x.minIdle(3).maxSize(3)));
        var plan = ReloadPlan.between(registry.definitions(), next);
        var sneaky = new ReloadPlan(plan.added(), plan.removed(), List.of(plan.retuned().get(0),
                new ReloadPlan.Retune(plan.retuned().get(1).definition(),
                        plan.retuned().get(1).settings().withSize(5, 2))), plan.replaced(), plan.unchanged());

        assertThrows(PoolStartException.class, () -> registry.apply(sneaky, DRAIN));

        assertEquals(4, a.liveSettings().maxSize());
        assertEquals(4, registry.definitions().get("a").config().maxSize());
    }

    @Test
    void shutdownDrainsEveryPoolWithTheDrainTimeout() throws Exception {
        registry.start(List.of(pool("a"), pool("b")));
        FakePool a = running("a");
        FakePool b = running("b");
        registry.shutdown(DRAIN);
        assertEquals(DRAIN, a.drainedWith);
        assertEquals(DRAIN, b.drainedWith);
        assertTrue(registry.definitions().isEmpty());
    }

    private static void awaitClosed(FakePool p) throws Exception {
        Await.until(p.name() + " drained and closed", Duration.ofSeconds(5), () -> p.closed);
    }
}
