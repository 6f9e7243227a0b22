package pool.tenancy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.tenancy.internal.SharedTenancyTest.as;
import static pool.tenancy.internal.SharedTenancyTest.config;
import static pool.tenancy.internal.SharedTenancyTest.tenant;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.Tenancy;
import pool.api.TenantRejectedException;
import pool.api.UnknownTenants;
import pool.engine.Pools;

/**
 * Permits that idle connections keep for their tenant's next borrow (TenantAdmission#keep,
 * #reuse): the figures, maxes, reservations and forgetting are what they would be if every
 * return gave its permit back.
 */
class KeptPermitsTest {

    @Test
    void figuresCountOnlyConnectionsHeldAndEveryBorrowWhilePermitsAreKept() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 4, 1).build();
        try (ConnectionPool pool = Pools.create(config("kept-figures", 4, t).minIdle(4).build())) {
            for (int i = 0; i < 10; i++) {
                pool.borrow(as("acme")).close();
            }
            assertEquals(0, tenant(pool, "acme").active());
            assertEquals(10, tenant(pool, "acme").borrowCount());
            try (Connection a = pool.borrow(as("acme")); Connection b = pool.borrow(as("acme"))) {
                assertEquals(2, tenant(pool, "acme").active());
                assertEquals(12, tenant(pool, "acme").borrowCount());
                assertEquals(12, pool.tenantStats("acme").orElseThrow().borrowCount());
            }
            assertEquals(0, tenant(pool, "acme").active());
            assertEquals(12, tenant(pool, "acme").borrowCount());
            assertEquals(0, pool.stats().active());
        }
    }

    @Test
    void aTenantAtItsMaxBorrowsAgainWhenItsPermitsAreKeptByIdleConnections() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 2, 1).tenant("shop", 0, 2, 1).failAtMax(true).build();
        try (ConnectionPool pool = Pools.create(config("kept-max", 4, t).minIdle(4).build())) {
            Connection a1 = pool.borrow(as("acme"));
            Connection a2 = pool.borrow(as("acme"));
            Connection s1 = pool.borrow(as("shop"));
            a1.close();
            a2.close();
            s1.close(); // the most recently idle connection keeps shop's permit: acme's next borrow takes it
            try (Connection b1 = pool.borrow(as("acme")); Connection b2 = pool.borrow(as("acme"))) {
                assertEquals(2, tenant(pool, "acme").active());
                assertThrows(TenantRejectedException.class, () -> pool.borrow(as("acme")), "the max still holds");
            }
            assertEquals(0, tenant(pool, "acme").active());
            assertEquals(0, tenant(pool, "shop").active());
            assertEquals(4, tenant(pool, "acme").borrowCount());
        }
    }

    @Test
    void anotherTenantTakesAConnectionThatKeepsAPermitAndTheFirstGetsItBack() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 2, 1).tenant("shop", 0, 2, 1).failAtMax(true).build();
        try (ConnectionPool pool = Pools.create(config("kept-other", 2, t).minIdle(2).build())) {
            pool.borrow(as("acme")).close();
            pool.borrow(as("acme")).close();
            try (Connection s1 = pool.borrow(as("shop")); Connection s2 = pool.borrow(as("shop"))) {
                assertEquals(2, tenant(pool, "shop").active());
                assertEquals(0, tenant(pool, "acme").active());
            }
            try (Connection a1 = pool.borrow(as("acme")); Connection a2 = pool.borrow(as("acme"))) {
                assertEquals(2, tenant(pool, "acme").active());
            }
        }
    }

    @Test
    void aWaiterIsServedWhileTheOtherConnectionsKeepPermits() throws Exception {
        // Pool of 2, acme max 1: its kept permit must not make the pool look full to shop.
        Tenancy t = Tenancy.builder().tenant("acme", 0, 1, 1).tenant("shop", 0, 2, 1).build();
        try (ConnectionPool pool = Pools.create(config("kept-wait", 2, t).minIdle(2).build())) {
            pool.borrow(as("acme")).close();
            Connection s1 = pool.borrow(as("shop"));
            Connection s2 = pool.borrow(as("shop")); // takes the connection that kept acme's permit
            CompletableFuture<Connection> a = pool.borrowAsync(as("acme"));
            CompletableFuture<Connection> s3 = pool.borrowAsync(as("shop"));
            s1.close();
            a.get(5, TimeUnit.SECONDS).close(); // acme is served first: below its fair share
            s2.close();
            s3.get(5, TimeUnit.SECONDS).close();
            assertEquals(0, tenant(pool, "acme").active());
            assertEquals(0, tenant(pool, "shop").active());
            assertEquals(0, pool.stats().active());
        }
    }

    @Test
    void evictedIdleConnectionsGiveTheirKeptPermitsBack() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 2, 1).failAtMax(true).build();
        try (ConnectionPool pool = Pools.create(config("kept-evict", 4, t).build())) {
            Connection a1 = pool.borrow(as("acme"));
            Connection a2 = pool.borrow(as("acme"));
            a1.close();
            a2.close();
            pool.softEvict();
            assertEquals(0, pool.stats().idle(), "the idle connections retired");
            try (Connection b1 = pool.borrow(as("acme")); Connection b2 = pool.borrow(as("acme"))) {
                assertEquals(2, tenant(pool, "acme").active());
            }
            assertEquals(4, tenant(pool, "acme").borrowCount());
        }
    }

    @Test
    void aLoweredMaxHoldsForTheNextBorrowsThoughIdleConnectionsKeptPermits() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 3, 1).failAtMax(true).build();
        try (ConnectionPool pool = Pools.create(config("kept-lower", 4, t).minIdle(4).build())) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(pool.borrow(as("acme")));
            }
            for (Connection c : held) {
                c.close();
            }
            pool.apply(pool.liveSettings().withTenancy(t.withTenant("acme", t.limitsOf("acme").withMax(1))));
            try (Connection one = pool.borrow(as("acme"))) {
                assertThrows(TenantRejectedException.class, () -> pool.borrow(as("acme")));
                assertEquals(1, tenant(pool, "acme").active());
            }
        }
    }

    @Test
    void anUnknownTenantRejectedLiveCannotReuseItsKeptPermit() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 2, 1).build();
        try (ConnectionPool pool = Pools.create(config("kept-reject", 4, t).minIdle(4).build())) {
            Connection held = pool.borrow(as("walk-in"));
            pool.borrow(as("walk-in")).close();
            pool.apply(pool.liveSettings().withTenancy(t.toBuilder().unknownTenants(UnknownTenants.REJECT).build()));
            held.close(); // the idle connection may keep its permit, but the tenant may not reuse it
            assertThrows(TenantRejectedException.class, () -> pool.borrow(as("walk-in")));
            assertEquals(0, pool.stats().active());
        }
    }

    @Test
    void idleTenantsWhosePermitsAreKeptAreForgottenToMakeRoomForNewOnes() throws Exception {
        Tenancy t = Tenancy.builder().tenant("acme", 0, 4, 1).maxTenants(2).build();
        try (ConnectionPool pool = Pools.create(config("kept-forget", 4, t).minIdle(4).build())) {
            Connection walkIn = pool.borrow(as("walk-in-1"));
            Connection acme = pool.borrow(as("acme"));
            walkIn.close(); // its idle connection keeps walk-in-1's permit
            acme.close(); // and the one idle most recently acme's: the next borrow takes that one
            pool.borrow(as("walk-in-2")).close();
            assertTrue(pool.tenantStats("walk-in-1").isEmpty(), pool.stats().tenants().toString());
            assertEquals(2, pool.stats().tenants().size(), pool.stats().tenants().toString());
            assertEquals(0, pool.stats().active());
        }
    }
}
