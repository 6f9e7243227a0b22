package pool.tenancy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.LeakSuspect;
import pool.api.PoolClosedException;
import pool.api.PoolConfig;
import pool.api.PoolTimeoutException;
import pool.api.StackCapture;
import pool.api.Tenancy;
import pool.api.TenantRejectedException;
import pool.api.TenantStats;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;

/** Shared mode through the engine's public API, on the stub driver. */
class SharedTenancyTest {

    static PoolConfig.Builder config(String name, int maxSize, Tenancy tenancy) {
        return PoolConfig.builder(name).jdbcUrl(StubDatabase.unique(name).url()).maxSize(maxSize)
                .borrowTimeout(Duration.ofSeconds(10)).reaperInterval(Duration.ofHours(1)).tenancy(tenancy);
    }

    static BorrowRequest as(String tenant) {
        return BorrowRequest.builder().tenant(tenant).build();
    }

    static TenantStats tenant(ConnectionPool pool, String name) {
        return pool.stats().tenants().stream().filter(t -> t.tenant().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void borrowsAreChargedToTheirTenant() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 1, 3, 2).build();
        try (ConnectionPool pool = Pools.create(config("charged", 5, t).build())) {
            try (Connection c1 = pool.borrow(as("acme")); Connection c2 = pool.borrow(as("acme"));
                 Connection c3 = pool.getConnection()) {
                TenantStats acme = tenant(pool, "acme");
                assertEquals(2, acme.active());
                assertEquals(2, acme.borrowCount());
                assertEquals(3, acme.max());
                assertEquals(2, acme.weight());
                assertEquals(1, tenant(pool, Tenancy.DEFAULT_TENANT).active());
                assertEquals(3, pool.stats().active());
            }
            assertEquals(0, tenant(pool, "acme").active());
        }
    }

    @Test
    void oneTenantsFiguresAreItsEntryInThePoolsStats() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 1, 3, 2).build();
        try (ConnectionPool pool = Pools.create(config("onetenant", 5, t).build())) {
            try (Connection c1 = pool.borrow(as("acme")); Connection c2 = pool.borrow(as("walk-in"))) {
                for (String name : List.of("acme", "walk-in")) {
                    TenantStats one = pool.tenantStats(name).orElseThrow();
                    TenantStats listed = tenant(pool, name);
                    assertEquals(listed.tenant(), one.tenant());
                    assertEquals(listed.named(), one.named());
                    assertEquals(listed.active(), one.active());
                    assertEquals(listed.borrowCount(), one.borrowCount());
                    assertEquals(listed.max(), one.max());
                }
                assertEquals(1, pool.tenantStats("acme").orElseThrow().active());
                assertTrue(pool.tenantStats("never-seen").isEmpty());
                assertTrue(pool.tenantStats(null).isEmpty());
            }
        }
        try (ConnectionPool plain = Pools.create(PoolConfig.builder("notenancy")
                .jdbcUrl(StubDatabase.unique("notenancy").url()).reaperInterval(Duration.ofHours(1)).build())) {
            assertTrue(plain.tenantStats("acme").isEmpty());
        }
    }

    @Test
    void timeoutsAndRefusalsOfTheAdmissionCountAsThePoolsAndAnExhaustedPoolSaysSo() throws Exception {
        Tenancy t = Tenancy.builder().defaultLimits(0, 2, 1).build();
        try (ConnectionPool pool = Pools.create(config("admitcount", 2, t).maxPending(1)
                .borrowTimeout(Duration.ofMillis(200)).build())) {
            List<pool.api.PoolEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            pool.addListener(events::add);
            try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
                CompletableFuture<Connection> waiting = pool.getConnectionAsync();
                until("one waiting", Duration.ofSeconds(5), () -> pool.stats().pending() == 1);
                assertThrows(pool.api.PoolSaturatedException.class, pool::getConnection);
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> waiting.get(5, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof PoolTimeoutException, e.toString());
                assertThrows(PoolTimeoutException.class, pool::getConnection);
            }
            assertEquals(2, pool.stats().timeoutCount(), "the async and the blocking borrow that timed out");
            assertEquals(1, pool.stats().rejectedCount());
            until("exhaustion announced", Duration.ofSeconds(5),
                    () -> events.stream().filter(e -> e instanceof pool.api.PoolEvent.PoolExhausted).count() == 3);
        }
    }

    @Test
    void tenantAtItsMaxWaitsUntilItReturnsOne() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 1, 1).build();
        try (ConnectionPool pool = Pools.create(config("atmax", 5, t).build())) {
            Connection held = pool.borrow(as("acme"));
            CompletableFuture<Connection> next = pool.borrowAsync(as("acme"));
            try (Connection other = pool.borrow(as("shop"))) {
                assertFalse(next.isDone(), "acme is at its max; shop is not held back");
            }
            assertEquals(1, tenant(pool, "acme").waiting());
            assertEquals(1, pool.stats().pending());
            held.close();
            next.get(5, TimeUnit.SECONDS).close();
            assertEquals(0, tenant(pool, "acme").active());
        }
    }

    @Test
    void anAsyncBorrowTheApplicationTimesOutLeavesItsTenantsLine() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 1, 1).build();
        try (ConnectionPool pool = Pools.create(config("ortimeout", 5, t).borrowTimeout(Duration.ofMinutes(5)).build())) {
            Connection held = pool.borrow(as("acme"));
            CompletableFuture<Connection> bounded = pool.borrowAsync(as("acme")).orTimeout(10, TimeUnit.MILLISECONDS);
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> bounded.get(1, TimeUnit.MINUTES));
            assertTrue(e.getCause() instanceof java.util.concurrent.TimeoutException, e.toString());
            assertEquals(0, tenant(pool, "acme").waiting(), "the future left acme's line");
            assertEquals(0, pool.stats().pending());
            CompletableFuture<Connection> next = pool.borrowAsync(as("acme"));
            held.close();
            next.get(1, TimeUnit.MINUTES).close();
            assertEquals(0, tenant(pool, "acme").active());
        }
    }

    @Test
    void anAsyncBorrowThatWaitedForItsTenantIsReportedAsItsRequestersInLeakReports() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 1, 1).build();
        try (ConnectionPool pool = Pools.create(config("asyncleak", 5, t).leakThreshold(Duration.ofMillis(50))
                .leakStackCapture(StackCapture.ALWAYS).build())) {
            Connection held = pool.borrow(as("acme"));
            List<CompletableFuture<Connection>> requested = new ArrayList<>();
            Thread requester = Thread.ofPlatform().name("app-requester").start(
                    () -> requested.add(pool.borrowAsync(as("acme"))));
            requester.join();
            until("acme's async borrow waits", Duration.ofSeconds(10), () -> tenant(pool, "acme").waiting() == 1);
            held.close(); // served on the completion executor's thread
            try (Connection c = requested.get(0).get(1, TimeUnit.MINUTES)) {
                until("the held connection reported", Duration.ofSeconds(10), () -> !pool.leakSuspects().isEmpty());
                LeakSuspect suspect = pool.leakSuspects().get(0);
                assertTrue(suspect.thread().startsWith("app-requester"), suspect.thread());
                assertTrue(suspect.borrowStackText().contains(
                        "anAsyncBorrowThatWaitedForItsTenantIsReportedAsItsRequestersInLeakReports"),
                        suspect.borrowStackText());
            }
        }
    }

    @Test
    void tenantWaitTimesOutWithItsOwnCount() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 1, 1).build();
        try (ConnectionPool pool = Pools.create(config("timeout", 5, t).build())) {
            try (Connection held = pool.borrow(as("acme"))) {
                BorrowRequest quick = as("acme").withTimeout(Duration.ofMillis(30));
                PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> pool.borrow(quick));
                assertTrue(e.getMessage().contains("tenant 'acme'"), e.getMessage());
                assertEquals(1, tenant(pool, "acme").timeoutCount());
            }
        }
    }

    /**
     * operations.md and tenancy.md: a tenant's ActiveConnections are the connections it holds;
     * borrowers of a suspended pool hold none. Admitted by their quota, they wait in the pool,
     * and count as the tenant's waiting borrowers, neither as held nor as served.
     */
    @Test
    void aSuspendedPoolsBorrowersCountAsTheirTenantsWaitingNotAsHeld() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 4, 1).build();
        try (ConnectionPool pool = Pools.create(config("suspendedactive", 5, t).build())) {
            Connection held = pool.borrow(as("acme"));
            pool.borrow(as("acme")).close(); // one idle connection the waiters must not count
            pool.suspend();
            List<CompletableFuture<Connection>> async = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                async.add(pool.borrowAsync(as("acme")));
            }
            List<Thread> blocking = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                blocking.add(Thread.ofPlatform().start(() -> {
                    try (Connection c = pool.borrow(as("acme"))) {
                        c.isValid(1);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            until("five borrowers waiting", Duration.ofSeconds(10), () -> pool.stats().pending() == 5 && tenant(pool, "acme").waiting() == 5);
            TenantStats acme = tenant(pool, "acme");
            assertEquals(1, acme.active(), "held: only the connection borrowed before the suspend; " + acme);
            assertEquals(2, acme.borrowCount(), "served: the two borrows before the suspend; " + acme);
            assertEquals(1, pool.stats().active(), String.valueOf(pool.stats()));
            assertEquals(1, pool.tenantStats("acme").orElseThrow().active(), "the tenant bean's figure");
            PoolTimeoutException late = assertThrows(PoolTimeoutException.class,
                    () -> pool.borrow(as("acme").withTimeout(Duration.ofMillis(50))));
            assertTrue(late.getMessage().contains("the tenant holds 1 (and 3 borrows admitted, waiting in the pool for"
                    + " their connections) of its max 4"), late.getMessage());
            pool.resume();
            for (CompletableFuture<Connection> f : async) {
                f.get(10, TimeUnit.SECONDS).close();
            }
            for (Thread b : blocking) {
                b.join();
            }
            held.close();
            acme = tenant(pool, "acme");
            assertEquals(0, acme.active(), String.valueOf(acme));
            assertEquals(0, acme.waiting(), String.valueOf(acme));
            assertEquals(7, acme.borrowCount(), String.valueOf(acme));
        }
    }

    /**
     * tenancy.md: a tenant's rejections count borrows "refused at once: at max with atMax="fail",
     * or maxPending reached", also when the pool refuses it after its quota admitted it.
     */
    @Test
    void anAdmittedBorrowRefusedForMaxPendingCountsAsItsTenantsRejection() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 4, 1).build();
        try (ConnectionPool pool = Pools.create(config("pendingrefused", 5, t).maxPending(2).build())) {
            pool.borrow(as("acme")).close();
            pool.suspend(); // the quota admits, then the borrows wait in the pool: maxPending bounds them there
            List<CompletableFuture<Connection>> waiting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiting.add(pool.borrowAsync(as("acme")));
            }
            until("two waiting", Duration.ofSeconds(10), () -> pool.stats().pending() == 2);
            assertThrows(pool.api.PoolSaturatedException.class, () -> pool.borrow(as("acme")));
            var async = pool.borrowAsync(as("acme"));
            var failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> async.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof pool.api.PoolSaturatedException, String.valueOf(failure.getCause()));
            assertEquals(2, pool.stats().rejectedCount());
            assertEquals(2, tenant(pool, "acme").rejectedCount(), "the pool's refusals are its tenants'");
            assertEquals(2, pool.tenantStats("acme").orElseThrow().rejectedCount(), "what the tenant bean reads");
            pool.resume();
            for (CompletableFuture<Connection> f : waiting) {
                f.get(10, TimeUnit.SECONDS).close();
            }
            assertEquals(0, tenant(pool, "acme").active());
        }
    }

    @Test
    void anAdmittedBorrowTimingOutInThePoolCountsAsItsTenantsTimeout() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 3, 1).build();
        try (ConnectionPool pool = Pools.create(config("suspendedtimeout", 5, t).build())) {
            pool.suspend(); // the tenant is below its max: admitted, its borrows then wait in the pool
            CompletableFuture<Connection> parked = pool.borrowAsync(as("acme"));
            until("one borrow waits in the pool", Duration.ofSeconds(10), () -> pool.stats().pending() == 1);
            BorrowRequest quick = as("acme").withTimeout(Duration.ofMillis(30));
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> pool.borrow(quick));
            // The parked borrow holds no connection either.
            assertTrue(e.getMessage().startsWith("pool 'suspendedtimeout': tenant 'acme', holding 0 of its max 3: "),
                    e.getMessage());
            var async = pool.borrowAsync(quick);
            var failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> async.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof PoolTimeoutException, String.valueOf(failure.getCause()));
            assertEquals(2, pool.stats().timeoutCount());
            assertEquals(2, tenant(pool, "acme").timeoutCount(), "the pool's timeouts are its tenants'");
            assertEquals(0, tenant(pool, "acme").active());
            pool.resume();
            parked.get(10, TimeUnit.SECONDS).close();
            try (Connection c = pool.borrow(as("acme"))) {
                assertEquals(1, tenant(pool, "acme").active());
            }
        }
    }

    @Test
    void aTenantsWaitCountsTheWaitForItsConnectionToo() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 3, 1).build();
        StubDatabase db = StubDatabase.unique("tenantwait").connectLatency(Duration.ofMillis(300));
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("tenantwait").jdbcUrl(db.url()).maxSize(5)
                .borrowTimeout(Duration.ofSeconds(10)).reaperInterval(Duration.ofHours(1)).tenancy(t).build())) {
            // Below its max and nobody waiting: admitted at once, then it waits for the connection being opened.
            try (Connection c = pool.borrow(as("acme"))) {
                assertTrue(pool.stats().waitP99Micros() >= 300_000, String.valueOf(pool.stats()));
                TenantStats acme = tenant(pool, "acme");
                assertTrue(acme.waitP99Micros() >= 300_000, "the tenant waited as long as the pool: " + acme);
            }
        }
    }

    @Test
    void quotasChangeLiveThroughApply() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 1, 1).build();
        try (ConnectionPool pool = Pools.create(config("live", 5, t).build())) {
            Connection held = pool.borrow(as("acme"));
            CompletableFuture<Connection> next = pool.borrowAsync(as("acme"));
            pool.apply(pool.liveSettings().withTenancy(t.withTenant("acme", t.limitsOf("acme").withMax(2).withWeight(5))));
            next.get(5, TimeUnit.SECONDS).close();
            held.close();
            assertEquals(2, tenant(pool, "acme").max());
            assertEquals(5, tenant(pool, "acme").weight());
            assertEquals(2, pool.config().tenancy().limitsOf("acme").max());
        }
    }

    @Test
    void loweringMaxTenantsLiveBoundsTheTenantsTrackedFromThenOn() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 2, 1).maxTenants(6).build();
        try (ConnectionPool pool = Pools.create(config("fewer", 5, t).build())) {
            for (int i = 1; i <= 5; i++) {
                pool.borrow(as("walk-in-" + i)).close();
            }
            assertEquals(6, pool.stats().tenants().size());
            try (Connection busy = pool.borrow(as("walk-in-5"))) {
                pool.apply(pool.liveSettings().withTenancy(t.toBuilder().maxTenants(3).build()));
                assertEquals(3, pool.stats().tenants().size(), pool.stats().tenants().toString());
                for (int i = 6; i <= 9; i++) {
                    pool.borrow(as("walk-in-" + i)).close();
                    assertEquals(3, pool.stats().tenants().size(), pool.stats().tenants().toString());
                }
                assertTrue(pool.tenantStats("walk-in-5").isPresent(), "a tenant holding a connection is kept");
            }
        }
    }

    @Test
    void liveChangeThatBreaksTheSumOfMinsIsRefusedAndChangesNothing() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 2, 4, 1).build();
        try (ConnectionPool pool = Pools.create(config("badlive", 5, t).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.apply(
                    pool.liveSettings().withTenancy(t.withTenant("acme", t.limitsOf("acme").withMax(6).withMin(6)))));
            assertTrue(e.getMessage().contains("sum of the tenants' min"), e.getMessage());
            assertEquals(2, pool.config().tenancy().limitsOf("acme").min());
            assertThrows(IllegalArgumentException.class, () -> pool.apply(pool.liveSettings().withTenancy(null)));
        }
    }

    @Test
    void sumOfMinsAboveMaxSizeIsAConfigurationError() {
        Tenancy t = Tenancy.builder().tenant("a", 3, 4, 1).tenant("b", 3, 4, 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("sum", 5, t).build());
        assertTrue(e.getMessage().contains("pool 'sum': tenancy is invalid: the sum of the tenants' min (6"), e.getMessage());
    }

    @Test
    void burstConnectionsAreRefusedWithTenancyAsTheTenantsNeverHoldMoreThanMaxSize() throws Exception {
        // The tenants together hold at most maxSize: a burst beyond it would never open, so the
        // setting is refused rather than accepted and silently ignored.
        Tenancy t = Tenancy.builder().tenant("acme", 0, 4, 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("burst", 5, t).burstMaxSize(3).build());
        assertTrue(e.getMessage().startsWith("pool 'burst': burstMaxSize (3) cannot be used with tenancy"), e.getMessage());
        Tenancy sharded = Tenancy.builder().mode(pool.api.TenancyMode.SHARDED).tenant("acme", 0, 4, 1).build();
        assertThrows(IllegalArgumentException.class, () -> config("burst", 5, sharded).burstMaxSize(1).build());
        try (ConnectionPool pool = Pools.create(config("burstlive", 5, t).build())) {
            IllegalArgumentException live = assertThrows(IllegalArgumentException.class,
                    () -> pool.apply(pool.liveSettings().withBurstMaxSize(2)));
            assertTrue(live.getMessage().contains("burstMaxSize (2) cannot be used with tenancy"), live.getMessage());
            assertEquals(0, pool.liveSettings().burstMaxSize());
        }
    }

    @Test
    void plainPoolCannotTakeTenancyLive() throws Exception {
        try (ConnectionPool pool = Pools.create(config("plain", 5, null).build())) {
            assertThrows(IllegalArgumentException.class,
                    () -> pool.apply(pool.liveSettings().withTenancy(Tenancy.builder().build())));
            assertTrue(pool.stats().tenants().isEmpty());
        }
    }

    @Test
    void reclaimedLeakGivesTheTenantsConnectionBack() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 1, 1).build();
        try (ConnectionPool pool = Pools.create(config("leak", 5, t).leakThreshold(Duration.ofMillis(1)).build())) {
            Connection leaked = pool.borrow(as("acme"));
            until("the borrow is held past the leak threshold", Duration.ofSeconds(10),
                    () -> !pool.leakSuspects().isEmpty());
            assertEquals(1, pool.reclaimLeaks());
            assertEquals(0, tenant(pool, "acme").active());
            pool.borrow(as("acme")).close();
            assertTrue(leaked.isClosed());
        }
    }

    @Test
    void tryBorrowHonoursTheQuota() throws Exception {
        Tenancy t = Tenancy.builder().defaultLimits(0, 1, 1).build();
        try (ConnectionPool pool = Pools.create(config("try", 5, t).minIdle(2).build())) {
            until("minIdle's two connections are open", Duration.ofSeconds(10), () -> pool.stats().idle() >= 2);
            Connection first = pool.tryBorrow().orElseThrow();
            assertTrue(pool.tryBorrow().isEmpty(), "the default tenant is at its max of 1");
            first.close();
            pool.tryBorrow().orElseThrow().close();
        }
    }

    @Test
    void closingThePoolFailsTenantWaiters() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 1, 1).build();
        ConnectionPool pool = Pools.create(config("close", 5, t).build());
        pool.borrow(as("acme"));
        CompletableFuture<Connection> next = pool.borrowAsync(as("acme"));
        pool.close();
        Exception e = assertThrows(Exception.class, () -> next.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof PoolClosedException, String.valueOf(e.getCause()));
    }

    @Test
    void unknownTenantRefusedAsTheConfigurationSays() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 1, 1).unknownTenants(pool.api.UnknownTenants.REJECT).build();
        try (ConnectionPool pool = Pools.create(config("reject", 5, t).build())) {
            assertThrows(TenantRejectedException.class, () -> pool.borrow(as("intruder")));
            assertThrows(TenantRejectedException.class, pool::getConnection);
            CompletableFuture<Connection> f = pool.borrowAsync(as("intruder"));
            Exception e = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof TenantRejectedException);
        }
    }

    @Test
    void cancelledAsyncBorrowOfAWaitingTenantLosesNothing() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 2, 1).build();
        try (ConnectionPool pool = Pools.create(config("cancel", 5, t).build())) {
            List<Connection> held = new ArrayList<>(List.of(pool.borrow(as("acme")), pool.borrow(as("acme"))));
            for (int i = 0; i < 200; i++) {
                CompletableFuture<Connection> f = pool.borrowAsync(as("acme"));
                Connection back = held.remove(0);
                Thread.ofVirtual().start(() -> {
                    try {
                        back.close();
                    } catch (Exception ignored) {
                        // pooled close does not throw
                    }
                });
                if (!f.cancel(false)) {
                    held.add(f.join());
                } else {
                    held.add(pool.borrow(as("acme")));
                }
            }
            for (Connection c : held) {
                c.close();
            }
            assertEquals(0, tenant(pool, "acme").active());
            assertEquals(0, pool.stats().active());
        }
    }
}
