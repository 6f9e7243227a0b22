package pool.tenancy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.LiveSettings;
import pool.api.PoolClosedException;
import pool.api.PoolTimeoutException;
import pool.api.Priority;
import pool.api.Tenancy;
import pool.api.TenantRejectedException;
import pool.api.TenantStats;
import pool.api.UnknownTenants;

class TenantAdmissionTest {

    private static final long LONG = TimeUnit.SECONDS.toNanos(10);

    private static BorrowRequest req(String tenant) {
        return BorrowRequest.builder().tenant(tenant).build();
    }

    private static BorrowRequest req(String tenant, Priority p) {
        return BorrowRequest.builder().tenant(tenant).priority(p).build();
    }

    private static Tenancy.Builder twoTenants() {
        return Tenancy.builder().tenant("a", 0, 10, 1).tenant("b", 2, 4, 1);
    }

    /** Starts a blocking admit on its own thread; the future completes with the permit's tenant. */
    private static CompletableFuture<Object> waitFor(TenantAdmission adm, BorrowRequest r) throws Exception {
        CompletableFuture<Object> f = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                f.complete(adm.admit(r, LONG));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        awaitWaiting(adm, -1, t);
        return f;
    }

    private static void awaitWaiting(TenantAdmission adm, int n, Thread t) throws Exception {
        // Waits until the thread is parked in the queue (a state, not a speed: no timed assertion).
        until("the borrower parked in its queue", Duration.ofSeconds(10),
                () -> t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.TERMINATED);
    }

    private static List<Object> take(TenantAdmission adm, String tenant, int n) throws SQLException {
        List<Object> permits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object p = adm.tryAdmit(req(tenant));
            assertNotNull(p, tenant + " permit " + i);
            permits.add(p);
        }
        return permits;
    }

    private static TenantStats stats(TenantAdmission adm, String tenant) {
        return adm.stats().stream().filter(s -> s.tenant().equals(tenant)).findFirst().orElseThrow();
    }

    @Test
    void tenantIsNeverAdmittedAboveItsMax() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", twoTenants().build(), 10, 100);
        take(adm, "b", 4);
        assertNull(adm.tryAdmit(req("b")), "b is at its max of 4");
        assertEquals(4, stats(adm, "b").active());
        assertNotNull(adm.tryAdmit(req("a")), "others are not held back by b's max");
    }

    @Test
    void waitersAreAdmittedOnlyWhileTheTenantsHoldLessThanTheCap() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", twoTenants().build(), 10, 100);
        take(adm, "a", 10);
        assertEquals(10, adm.inUse());
        // b's reservation is lent out: b waits (the engine's idle connections bound the fast path)
        assertThrows(PoolTimeoutException.class, () -> adm.admit(req("b"), TimeUnit.MILLISECONDS.toNanos(20)));
        assertThrows(PoolTimeoutException.class, () -> adm.admit(req("b"), 0));
        assertEquals(10, adm.inUse());
    }

    @Test
    void permitGivenBackUnusedIsNoBorrowAndAdmitsAWaiter() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", Tenancy.builder().tenant("a", 0, 1, 1).build(), 10, 100);
        Object p = adm.tryAdmit(req("a"));
        CompletableFuture<Object> waits = waitFor(adm, req("a"));
        adm.releaseUnused(p);
        waits.get(5, TimeUnit.SECONDS);
        assertEquals(1, stats(adm, "a").borrowCount(), "only the waiter's borrow counts");
    }

    @Test
    void returnedPermitGoesToTheOwnerOfALentReservationFirst() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", twoTenants().build(), 10, 100);
        List<Object> a = take(adm, "a", 10);
        CompletableFuture<Object> aWaits = waitFor(adm, req("a"));
        CompletableFuture<Object> bWaits = waitFor(adm, req("b"));
        adm.release(a.get(0));
        assertEquals("b", ((TenantState) bWaits.get(5, TimeUnit.SECONDS)).name);
        assertFalse(aWaits.isDone(), "a arrived first but b's reservation is given back first");
        adm.release(a.get(1));
        assertEquals("a", ((TenantState) aWaits.get(5, TimeUnit.SECONDS)).name);
    }

    @Test
    void freedPermitGoesToTheTenantFurthestBelowItsWeightedShare() throws Exception {
        Tenancy t = Tenancy.builder().tenant("heavy", 0, 10, 3).tenant("light", 0, 10, 1).build();
        TenantAdmission adm = new TenantAdmission("p", t, 4, 100);
        List<Object> heavy = take(adm, "heavy", 2);
        List<Object> light = take(adm, "light", 2);
        CompletableFuture<Object> lightWaits = waitFor(adm, req("light"));
        CompletableFuture<Object> heavyWaits = waitFor(adm, req("heavy"));
        // heavy holds 2 per weight 3 (0.67), light 2 per weight 1 (2): heavy is further below its share
        adm.release(light.get(0));
        assertEquals("heavy", ((TenantState) heavyWaits.get(5, TimeUnit.SECONDS)).name);
        assertFalse(lightWaits.isDone());
        adm.release(heavy.get(0));
        assertEquals("light", ((TenantState) lightWaits.get(5, TimeUnit.SECONDS)).name,
                "heavy 2/3 vs light 1/1: now light is further below");
    }

    @Test
    void waitersOfOneTenantAreServedFirstInFirstOut() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", Tenancy.builder().tenant("a", 0, 2, 1).build(), 10, 100);
        List<Object> a = take(adm, "a", 2);
        List<CompletableFuture<Object>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiters.add(waitFor(adm, req("a")));
        }
        for (int i = 0; i < 5; i++) {
            adm.release(i == 0 ? a.get(0) : waiters.get(i - 1).get(5, TimeUnit.SECONDS));
            waiters.get(i).get(5, TimeUnit.SECONDS);
            for (int j = i + 1; j < 5; j++) {
                assertFalse(waiters.get(j).isDone(), "waiter " + j + " before " + i);
            }
        }
    }

    @Test
    void highPriorityGoesFirstWithinATenant() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", Tenancy.builder().tenant("a", 0, 1, 1).build(), 10, 100);
        Object held = adm.tryAdmit(req("a"));
        CompletableFuture<Object> low = waitFor(adm, req("a", Priority.LOW));
        CompletableFuture<Object> high = waitFor(adm, req("a", Priority.HIGH));
        adm.release(held);
        adm.release(high.get(5, TimeUnit.SECONDS));
        low.get(5, TimeUnit.SECONDS);
    }

    @Test
    void tenantAtMaxFailsAtOnceWhenThePoolSaysSo() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", twoTenants().failAtMax(true).build(), 10, 100);
        take(adm, "b", 4);
        TenantRejectedException e = assertThrows(TenantRejectedException.class, () -> adm.tryAdmit(req("b")));
        assertTrue(e.getMessage().contains("tenant 'b' already holds its max of 4"), e.getMessage());
        assertEquals(1, stats(adm, "b").rejectedCount());
    }

    @Test
    void withAtMaxFailAWaiterWhoseTenantReachedItsMaxMeanwhileFailsRatherThanWaitForItsQuota() throws Exception {
        // Both waiters of a queue for the pool (full with b's borrows), not for a's quota; the
        // first one served brings a to its max, after which the other would wait for a's own
        // return: what atMax="fail" refuses.
        Tenancy t = Tenancy.builder().failAtMax(true).tenant("a", 0, 1, 1).tenant("b", 0, 2, 1).build();
        TenantAdmission adm = new TenantAdmission("p", t, 2, 100);
        List<Object> b = take(adm, "b", 2);
        CompletableFuture<Object> first = waitFor(adm, req("a"));
        CompletableFuture<Object> second = adm.admitAsync(req("a"), LONG);
        assertEquals(2, adm.waiting());
        adm.release(b.getFirst());
        assertSame(TenantState.class, first.get(5, TimeUnit.SECONDS).getClass());
        Exception e = assertThrows(Exception.class, () -> second.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof TenantRejectedException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains("tenant 'a' already holds its max of 1"), e.getCause().getMessage());
        assertEquals(0, adm.waiting());
        assertEquals(1, stats(adm, "a").rejectedCount());
        assertEquals(0, stats(adm, "a").timeoutCount());
    }

    @Test
    void unknownTenantGetsTheDefaultLimits() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", twoTenants().defaultLimits(0, 3, 1).build(), 10, 100);
        take(adm, "stranger", 3);
        assertNull(adm.tryAdmit(req("stranger")));
        TenantStats s = stats(adm, "stranger");
        assertFalse(s.named());
        assertEquals(3, s.max());
    }

    @Test
    void unknownTenantIsRefusedWhenThePoolRejectsThem() {
        TenantAdmission adm = new TenantAdmission("p", twoTenants().unknownTenants(UnknownTenants.REJECT).build(), 10, 100);
        TenantRejectedException e = assertThrows(TenantRejectedException.class, () -> adm.tryAdmit(req("evil")));
        assertTrue(e.getMessage().contains("tenant 'evil' is not configured"), e.getMessage());
        TenantRejectedException none = assertThrows(TenantRejectedException.class, () -> adm.tryAdmit(req(null)));
        assertTrue(none.getMessage().contains("names none"), none.getMessage());
    }

    @Test
    void aTenantNoLongerNamedInAPoolThatRejectsUnknownOnesIsForgottenOnceItHoldsNothing() throws Exception {
        Tenancy t = twoTenants().unknownTenants(UnknownTenants.REJECT).build();
        TenantAdmission adm = new TenantAdmission("p", t, 10, 100);
        Object held = adm.tryAdmit(req("b"));
        adm.release(adm.tryAdmit(req("a")));
        Tenancy withoutAB = Tenancy.builder().unknownTenants(UnknownTenants.REJECT).tenant("c", 0, 2, 1).build();
        LiveSettings live = new LiveSettings(0, 10, 0, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, false, withoutAB);
        adm.check(live);
        adm.apply(live);
        assertEquals(java.util.List.of("c", "b"), adm.stats().stream().map(TenantStats::tenant).toList(),
                "a holds nothing: gone; b still holds its connection");
        adm.release(held);
        assertThrows(TenantRejectedException.class, () -> adm.tryAdmit(req("b")));
    }

    private static LiveSettings live(Tenancy t) {
        return new LiveSettings(0, 10, 0, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, false, t);
    }

    @Test
    void waitersOfATenantThePoolStopsAdmittingAreRefusedWhenTheChangeApplies() throws Exception {
        // Unknown tenants admitted, then refused live: a borrower of one that already waits must
        // not be served later on a quota the pool no longer grants; the named tenant's waiter stays.
        Tenancy admit = Tenancy.builder().tenant("a", 0, 1, 1).defaultLimits(0, 1, 1).build();
        TenantAdmission adm = new TenantAdmission("p", admit, 10, 100);
        Object strangerHeld = adm.tryAdmit(req("stranger"));
        Object aHeld = adm.tryAdmit(req("a"));
        CompletableFuture<Object> stranger = waitFor(adm, req("stranger"));
        CompletableFuture<Object> strangerAsync = adm.admitAsync(req("stranger"), LONG);
        CompletableFuture<Object> a = waitFor(adm, req("a"));
        Tenancy reject = admit.toBuilder().unknownTenants(UnknownTenants.REJECT).build();
        adm.check(live(reject));
        adm.apply(live(reject));
        for (CompletableFuture<Object> f : List.of(stranger, strangerAsync)) {
            Exception e = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof TenantRejectedException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("tenant 'stranger' is not configured"), e.getCause().getMessage());
        }
        assertEquals(1, adm.waiting(), "a still waits");
        adm.release(strangerHeld); // its connection still comes back, and goes to nobody it may not serve
        assertFalse(a.isDone());
        adm.release(aHeld);
        assertSame(TenantState.class, a.get(5, TimeUnit.SECONDS).getClass());
        assertEquals(0, adm.waiting());
    }

    @Test
    void waitersOfATenantAtItsMaxFailWhenThePoolStartsFailingSuchBorrows() throws Exception {
        Tenancy waits = Tenancy.builder().tenant("a", 0, 1, 1).tenant("b", 0, 2, 1).build();
        TenantAdmission adm = new TenantAdmission("p", waits, 10, 100);
        Object held = adm.tryAdmit(req("a"));
        CompletableFuture<Object> a = waitFor(adm, req("a"));
        Tenancy fails = waits.toBuilder().failAtMax(true).build();
        adm.check(live(fails));
        adm.apply(live(fails));
        Exception e = assertThrows(Exception.class, () -> a.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof TenantRejectedException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains("tenant 'a' already holds its max of 1"), e.getCause().getMessage());
        assertEquals(1, stats(adm, "a").rejectedCount());
        assertEquals(0, adm.waiting());
        adm.release(held);
        assertEquals(0, stats(adm, "a").active());

        // atMax="fail" already on, b's max lowered to what it holds: its waiter, queued for a full
        // pool (2 held of 2), would now wait for b's quota.
        TenantAdmission full = new TenantAdmission("p", fails, 2, 100);
        take(full, "b", 1);
        take(full, "a", 1);
        CompletableFuture<Object> bWaits = full.admitAsync(req("b"), LONG);
        assertEquals(1, full.waiting());
        Tenancy lower = fails.withTenant("b", fails.limitsOf("b").withMax(1));
        LiveSettings cap2 = new LiveSettings(0, 2, 0, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, false, lower);
        full.check(cap2);
        full.apply(cap2);
        Exception lowered = assertThrows(Exception.class, () -> bWaits.get(5, TimeUnit.SECONDS));
        assertTrue(lowered.getCause() instanceof TenantRejectedException, String.valueOf(lowered.getCause()));
        assertEquals(0, full.waiting());
    }

    @Test
    void borrowWithoutTenantIsChargedToTheDefaultTenant() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", twoTenants().build(), 10, 100);
        Object p = adm.tryAdmit(BorrowRequest.DEFAULT);
        assertEquals(Tenancy.DEFAULT_TENANT, ((TenantState) p).name);
    }

    @Test
    void inventedTenantNamesCannotGrowMemoryBeyondMaxTenants() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", twoTenants().maxTenants(50).build(), 10, 100);
        for (int i = 0; i < 10_000; i++) {
            adm.release(adm.tryAdmit(req("invented-" + i))); // idle right after: may be forgotten
        }
        assertTrue(adm.stats().size() <= 50, "tracked: " + adm.stats().size());
        assertTrue(adm.stats().stream().anyMatch(s -> s.tenant().equals("a")), "named tenants are never forgotten");
    }

    @Test
    void newTenantIsRefusedWhenMaxTenantsAreAllBusy() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", Tenancy.builder().maxTenants(3).build(), 10, 100);
        take(adm, "x", 1);
        take(adm, "y", 1);
        take(adm, "z", 1);
        TenantRejectedException e = assertThrows(TenantRejectedException.class, () -> adm.tryAdmit(req("w")));
        assertTrue(e.getMessage().contains("maxTenants (3)"), e.getMessage());
    }

    @Test
    void hostileTenantNameIsRefusedWithABoundedMessage() {
        TenantAdmission adm = new TenantAdmission("p", twoTenants().build(), 10, 100);
        String huge = "x".repeat(100_000);
        TenantRejectedException e = assertThrows(TenantRejectedException.class, () -> adm.tryAdmit(req(huge)));
        assertTrue(e.getMessage().length() < 400, "message length " + e.getMessage().length());
        assertThrows(TenantRejectedException.class, () -> adm.tryAdmit(req("bad\nname")));
    }

    @Test
    void timedOutWaiterIsCountedAndLeavesNoTrace() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", Tenancy.builder().tenant("a", 0, 1, 1).build(), 10, 100);
        Object held = adm.tryAdmit(req("a"));
        PoolTimeoutException e = assertThrows(PoolTimeoutException.class,
                () -> adm.admit(req("a"), TimeUnit.MILLISECONDS.toNanos(20)));
        assertTrue(e.getMessage().contains("tenant 'a' got no connection within 20 ms"), e.getMessage());
        assertEquals(1, stats(adm, "a").timeoutCount());
        assertEquals(0, adm.waiting());
        adm.release(held);
        assertNotNull(adm.tryAdmit(req("a")));
    }

    @Test
    void raisingAMaxLiveAdmitsWaitersAtOnce() throws Exception {
        Tenancy t = Tenancy.builder().tenant("a", 0, 1, 1).build();
        TenantAdmission adm = new TenantAdmission("p", t, 10, 100);
        adm.tryAdmit(req("a"));
        CompletableFuture<Object> waits = waitFor(adm, req("a"));
        LiveSettings live = new LiveSettings(0, 10, 0, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, false, t.withTenant("a", t.limitsOf("a").withMax(2)));
        adm.check(live);
        adm.apply(live);
        assertSame(TenantState.class, waits.get(5, TimeUnit.SECONDS).getClass());
        assertEquals(2, stats(adm, "a").max());
    }

    @Test
    void closingFailsEveryWaiter() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", Tenancy.builder().tenant("a", 0, 1, 1).build(), 10, 100);
        adm.tryAdmit(req("a"));
        CompletableFuture<Object> waits = waitFor(adm, req("a"));
        adm.close(new PoolClosedException("pool 'p' was closed"));
        Exception e = assertThrows(Exception.class, () -> waits.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof PoolClosedException, String.valueOf(e.getCause()));
        assertThrows(PoolClosedException.class, () -> adm.tryAdmit(req("a")));
    }

    @Test
    void cancelledAsyncAdmissionGivesItsPlaceAndPermitBack() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", Tenancy.builder().tenant("a", 0, 1, 1).build(), 10, 100);
        Object held = adm.tryAdmit(req("a"));
        CompletableFuture<Object> f = adm.admitAsync(req("a"), LONG);
        assertEquals(1, adm.waiting());
        assertTrue(f.cancel(false));
        assertEquals(0, adm.waiting());
        adm.release(held);
        assertNotNull(adm.tryAdmit(req("a")), "nothing was kept for the cancelled borrow");
    }

    @Test
    void asyncAdmissionCompletesWhenAPermitIsReturned() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", Tenancy.builder().tenant("a", 0, 1, 1).build(), 10, 100);
        Object held = adm.tryAdmit(req("a"));
        CompletableFuture<Object> f = adm.admitAsync(req("a"), LONG);
        assertFalse(f.isDone());
        adm.release(held);
        assertNotNull(f.get(5, TimeUnit.SECONDS));
        assertEquals(1, stats(adm, "a").active());
    }

    @Test
    void waitPercentilesCountTheWaitsThePoolReports() throws Exception {
        TenantAdmission adm = new TenantAdmission("p", Tenancy.builder().tenant("a", 0, 1, 1).build(), 10, 100);
        Object held = adm.tryAdmit(req("a"));
        long start = System.nanoTime();
        CompletableFuture<Object> waits = waitFor(adm, req("a"));
        Thread.sleep(30); // real time: the queued borrow's wait is measured on System.nanoTime
        adm.release(held);
        Object permit = waits.get(5, TimeUnit.SECONDS);
        assertEquals(0, stats(adm, "a").waitP99Micros(), "the wait counts once the borrow has its connection");
        adm.waited(permit, System.nanoTime() - start); // as the engine reports it, quota and connection
        TenantStats s = stats(adm, "a");
        assertEquals(2, s.borrowCount());
        assertTrue(s.waitP99Micros() >= 20_000, "p99 " + s.waitP99Micros());
    }
}
