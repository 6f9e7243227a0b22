package pool.tenancy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.PoolStats;
import pool.api.PoolTimeoutException;
import pool.api.Tenancy;
import pool.api.TenancyMode;
import pool.api.TenantRejectedException;
import pool.api.UnknownTenants;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;
import pool.testsupport.concurrent.Together;

/** Sharded mode: a sub-pool per named tenant, the rest of maxSize for the others. */
class ShardedPoolTest {

    private static Tenancy.Builder sharded() {
        return Tenancy.builder().mode(TenancyMode.SHARDED).tenant("acme", 1, 3, 1).tenant("shop", 0, 2, 1)
                .defaultLimits(0, 2, 1);
    }

    private static ConnectionPool open(String name, Tenancy t, int maxSize) throws Exception {
        return Pools.create(PoolConfig.builder(name).jdbcUrl(StubDatabase.unique(name).url()).maxSize(maxSize)
                .borrowTimeout(Duration.ofSeconds(10)).reaperInterval(Duration.ofHours(1)).tenancy(t).build());
    }

    private static BorrowRequest as(String tenant) {
        return BorrowRequest.builder().tenant(tenant).build();
    }

    /**
     * A part's failure to open a connection, renamed for the pool, still quotes the failure's
     * detail verbatim: that is where the daemon finds the text a remote client must not see.
     */
    @Test
    void aPartsFailureToOpenAConnectionKeepsItsDetailForTheDaemonToHide() throws Exception {
        StubDatabase db = StubDatabase.unique("shardfail");
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(db.url()).maxSize(8)
                .borrowTimeout(Duration.ofMillis(300)).reaperInterval(Duration.ofHours(1))
                .tenancy(Tenancy.builder().mode(TenancyMode.SHARDED).tenant("acme", 0, 3, 1).defaultLimits(0, 2, 1)
                        .build()).build())) {
            db.configurationError(true);
            java.sql.SQLException e = assertThrows(java.sql.SQLException.class, () -> pool.borrow(as("acme")).close());

            pool.api.spi.OpenConnectionException open = null;
            for (Throwable t = e; t != null && open == null; t = t.getCause()) {
                open = t instanceof pool.api.spi.OpenConnectionException o ? o : null;
            }
            assertTrue(open != null, "the failure to open a connection is in the chain: " + e);
            assertTrue(e.getMessage().startsWith("pool 'orders'"), e.getMessage());
            assertTrue(e.getMessage().contains(open.detail()), e.getMessage() + " quotes " + open.detail());
        }
    }

    @Test
    void updatesMadeAtOnceNeverUndoEachOther() throws Exception {
        try (ConnectionPool pool = open("shardupdates", sharded().build(), 8)) {
            // half raise the pool's max, half a tenant's weight: each is a read-change-apply of the whole settings
            Together.run(16, 25, () -> {
                if (Thread.currentThread().getName().hashCode() % 2 == 0) {
                    pool.update(s -> s.withSize(s.minIdle(), s.maxSize() + 1));
                } else {
                    pool.update(s -> s.withTenancy(s.tenancy().withTenant("shop",
                            s.tenancy().limitsOf("shop").withWeight(s.tenancy().limitsOf("shop").weight() + 1))));
                }
            });
            var s = pool.liveSettings();
            assertEquals(8 + 16 * 25, s.maxSize() + s.tenancy().limitsOf("shop").weight() - 1,
                    "every one of the 400 changes kept: " + s);
            pool.setLoginTimeout(7);
            assertEquals(Duration.ofSeconds(7), pool.liveSettings().borrowTimeout());
        }
    }

    @Test
    void eachNamedTenantBorrowsFromAPoolOfItsOwn() throws Exception {
        try (ConnectionPool pool = open("sharded", sharded().build(), 8)) {
            java.util.Map<String, Set<Long>> created = new java.util.concurrent.ConcurrentHashMap<>();
            pool.addListener(e -> {
                if (e instanceof pool.api.PoolEvent.ConnectionCreated c) {
                    created.computeIfAbsent(c.pool(), k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                            .add(c.connectionId());
                }
            });
            for (int round = 0; round < 20; round++) {
                try (Connection a = pool.borrow(as("acme")); Connection s = pool.borrow(as("shop"));
                     Connection o = pool.borrow(as("walk-in"))) {
                    assertFalse(a.isClosed() || s.isClosed() || o.isClosed());
                }
            }
            // Connections are opened by the sub-pool of the tenant that borrows: none is shared.
            // Events arrive on the pools' event threads: wait for them (a state, not a speed).
            until("shop's and the others' connections created", Duration.ofSeconds(10),
                    () -> created.keySet().containsAll(Set.of("sharded.shop", "sharded.others")));
            // (acme's min of 1 opens its one connection in the background at start, maybe before
            // the listener was added.)
            assertTrue(Set.of("sharded.acme", "sharded.shop", "sharded.others").containsAll(created.keySet()));
            assertTrue(created.keySet().containsAll(Set.of("sharded.shop", "sharded.others")), created.toString());
            assertEquals(1, created.get("sharded.shop").size(), "shop reuses its one connection");
            Set<Long> ids = new java.util.HashSet<>();
            created.values().forEach(ids::addAll);
            assertEquals(created.values().stream().mapToInt(Set::size).sum(), ids.size(),
                    "the parts never give two connections one id: " + created);
            PoolStats st = pool.stats();
            assertEquals(List.of(20L, 20L, 20L), st.tenants().stream().map(t -> t.borrowCount()).toList());
        }
    }

    @Test
    void anyValidTenantNameGetsASubPoolOfItsOwn() throws Exception {
        // '@' is valid in a tenant's name, not in a pool's; "others" and "a_b" could take the names of other parts.
        Tenancy t = Tenancy.builder().mode(TenancyMode.SHARDED).tenant("ops@acme", 0, 1, 1).tenant("ops_acme", 0, 1, 1)
                .tenant("others", 0, 1, 1).tenant("t".repeat(64), 0, 1, 1).defaultLimits(0, 1, 1).build();
        try (ConnectionPool pool = open("names", t, 5)) {
            Set<String> parts = java.util.concurrent.ConcurrentHashMap.newKeySet();
            pool.addListener(e -> {
                if (e instanceof pool.api.PoolEvent.ConnectionCreated) {
                    parts.add(e.pool());
                }
            });
            for (String tenant : List.of("ops@acme", "ops_acme", "others", "t".repeat(64), "walk-in")) {
                try (Connection c = pool.borrow(as(tenant))) {
                    assertFalse(c.isClosed());
                }
            }
            until("each part opened its connection", Duration.ofSeconds(5), () -> parts.size() == 5);
            assertTrue(parts.stream().allMatch(n -> n.startsWith("names.") && n.length() <= 64), parts.toString());
        }
    }

    @Test
    void oneTenantsFiguresAreItsEntryInThePoolsStats() throws Exception {
        try (ConnectionPool pool = open("shardone", sharded().build(), 8)) {
            try (Connection a = pool.borrow(as("acme")); Connection o = pool.borrow(as("walk-in"))) {
                for (String name : List.of("acme", "shop", "walk-in")) {
                    var listed = pool.stats().tenants().stream().filter(t -> t.tenant().equals(name)).findFirst()
                            .orElseThrow();
                    var one = pool.tenantStats(name).orElseThrow();
                    assertEquals(listed.named(), one.named(), name);
                    assertEquals(listed.active(), one.active(), name);
                    assertEquals(listed.borrowCount(), one.borrowCount(), name);
                    assertEquals(listed.max(), one.max(), name);
                }
                assertEquals(1, pool.tenantStats("acme").orElseThrow().active());
                assertEquals(1, pool.tenantStats("walk-in").orElseThrow().active());
                assertTrue(pool.tenantStats("never-seen").isEmpty());
            }
        }
    }

    @Test
    void eachShardIsBoundedByItsTenantsMax() throws Exception {
        try (ConnectionPool pool = open("shardmax", sharded().build(), 8)) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(pool.borrow(as("acme")));
            }
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(as("acme").withTimeout(Duration.ofMillis(50))));
            try (Connection s = pool.borrow(as("shop")); Connection o = pool.borrow(as("stranger"))) {
                PoolStats st = pool.stats();
                assertEquals(5, st.active());
                assertEquals(8, st.maxSize());
            }
            CompletableFuture<Connection> waiting = pool.borrowAsync(as("acme"));
            assertFalse(waiting.isDone());
            held.remove(0).close();
            held.add(waiting.get(5, TimeUnit.SECONDS));
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void namedTenantAtItsMaxFailsAtOnceWhenThePoolSaysSoAndLiveWhenItStops() throws Exception {
        Tenancy t = sharded().failAtMax(true).build();
        try (ConnectionPool pool = open("shardfail", t, 8)) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(pool.borrow(as("acme")));
            }
            // The borrow timeout is 10 s: a refusal, not a wait.
            TenantRejectedException e = assertThrows(TenantRejectedException.class, () -> pool.borrow(as("acme")));
            assertEquals("08004", e.getSQLState());
            assertTrue(e.getMessage().contains("pool 'shardfail': tenant 'acme' already holds its max of 3"),
                    e.getMessage());
            assertEquals(1, pool.stats().tenants().getFirst().rejectedCount());
            pool.apply(pool.liveSettings().withTenancy(t.toBuilder().failAtMax(false).build()));
            CompletableFuture<Connection> waiting = pool.borrowAsync(as("acme"));
            assertFalse(waiting.isDone(), "at its max, it now waits");
            held.remove(0).close();
            held.add(waiting.get(5, TimeUnit.SECONDS));
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void failuresNameThePoolAndTheTenantNeverASubPool() throws Exception {
        try (ConnectionPool pool = open("shardmsg", sharded().build(), 8)) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(pool.borrow(as("acme")));
            }
            PoolTimeoutException named = assertThrows(PoolTimeoutException.class,
                    () -> pool.borrow(as("acme").withTimeout(Duration.ofMillis(50))));
            assertTrue(named.getMessage().startsWith("pool 'shardmsg': tenant 'acme' got no connection within 50 ms")
                    && named.getMessage().contains("holds 3 of its max 3"), named.getMessage());
            held.add(pool.borrow(as("x")));
            held.add(pool.borrow(as("x")));
            PoolTimeoutException other = assertThrows(PoolTimeoutException.class,
                    () -> pool.borrow(as("x").withTimeout(Duration.ofMillis(50))));
            assertTrue(other.getMessage().startsWith("pool 'shardmsg': tenant 'x' got no connection"),
                    other.getMessage());
            for (Connection c : held) {
                c.close();
            }
            pool.close();
            java.sql.SQLException closed = assertThrows(java.sql.SQLException.class, () -> pool.borrow(as("acme")));
            java.util.concurrent.ExecutionException async = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> pool.borrowAsync(as("x")).get(5, TimeUnit.SECONDS));
            for (String m : List.of(closed.getMessage(), async.getCause().getMessage())) {
                assertTrue(m.startsWith("pool 'shardmsg' (the sub-pool of ") && !m.contains("shardmsg."), m);
            }
            assertTrue(closed instanceof pool.api.PoolClosedException, closed.toString());
        }
    }

    @Test
    void renamingAFailureKeepsTheTextOfAFailureToOpenAConnectionForTheDaemonToHide() {
        // The daemon sends remote clients an OpenConnectionException's client message in place of
        // its text (database address, user) wherever that text appears: it must stay verbatim.
        ShardFailures failures = new ShardFailures("o", java.util.Map.of("o.acme", "the sub-pool of tenant 'acme'"));
        var open = new pool.api.spi.OpenConnectionException("o.acme",
                "cannot open a connection to jdbc:postgresql://db.internal:5432/app as 'app': refused",
                "cannot open a connection to its database (SQLState 08001)",
                new java.sql.SQLException("refused", "08001"));
        PoolTimeoutException timeout = new PoolTimeoutException("pool 'o.acme': no connection available within 50 ms;"
                + " last attempt to open a connection failed: " + open.getMessage(), open);
        java.sql.SQLException renamed = failures.of(timeout);
        assertTrue(renamed instanceof PoolTimeoutException, renamed.toString());
        assertEquals("pool 'o' (the sub-pool of tenant 'acme'): no connection available within 50 ms; last attempt to"
                + " open a connection failed: pool 'o' (the sub-pool of tenant 'acme'): " + open.detail(),
                renamed.getMessage(), "the part's name nowhere, the failure's detail verbatim");
        var cause = (pool.api.spi.OpenConnectionException) renamed.getCause();
        assertEquals(open.detail(), cause.detail());
        assertEquals("pool 'o' (the sub-pool of tenant 'acme'): cannot open a connection to its database (SQLState 08001)",
                cause.clientMessage());
        java.sql.SQLException direct = failures.of(open);
        assertTrue(direct instanceof pool.api.spi.OpenConnectionException, "its own type: " + direct);
        var named = (pool.api.spi.OpenConnectionException) direct;
        assertEquals("pool 'o' (the sub-pool of tenant 'acme'): " + open.detail(), named.getMessage());
        assertEquals("pool 'o' (the sub-pool of tenant 'acme'): cannot open a connection to its database (SQLState 08001)",
                named.clientMessage(), "a remote client sees the pool and tenant it knows, not a part's name");
        assertEquals(open.detail(), named.detail());
        assertSame(open.getCause(), named.getCause());
        assertEquals("08001", named.getSQLState());
    }

    @Test
    void cancellingAnAsyncBorrowOfAShardLosesNoConnection() throws Exception {
        try (ConnectionPool pool = open("shardcancel", sharded().build(), 8)) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(pool.borrow(as("acme")));
            }
            CompletableFuture<Connection> waiting = pool.borrowAsync(as("acme"));
            assertTrue(waiting.cancel(false));
            held.remove(0).close();
            held.add(pool.borrow(as("acme").withTimeout(Duration.ofSeconds(5))));
            assertEquals(3, pool.stats().tenants().getFirst().active());
            assertEquals(0, pool.stats().pending());
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void anAsyncBorrowOfAShardTheApplicationTimesOutLeavesTheLine() throws Exception {
        try (ConnectionPool pool = open("shardortimeout", sharded().build(), 8)) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(pool.borrow(as("acme")));
            }
            CompletableFuture<Connection> bounded = pool.borrowAsync(as("acme")).orTimeout(10, TimeUnit.MILLISECONDS);
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> bounded.get(1, TimeUnit.MINUTES));
            assertTrue(e.getCause() instanceof java.util.concurrent.TimeoutException, String.valueOf(e.getCause()));
            assertEquals(0, pool.stats().pending(), "the timed-out borrow left its shard's line");
            held.remove(0).close();
            held.add(pool.borrow(as("acme").withTimeout(Duration.ZERO)));
            assertEquals(3, pool.stats().tenants().getFirst().active());
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void aTenantAtItsMaxDoesNotExhaustThePoolAFullPoolSaysSoInItsOwnName() throws Exception {
        try (ConnectionPool pool = open("shardfull", sharded().build(), 6)) { // acme 3, shop 2, others 1
            List<pool.api.PoolEvent.PoolExhausted> exhausted = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<pool.api.PoolEvent> all = new java.util.concurrent.CopyOnWriteArrayList<>();
            pool.api.PoolListener listener = e -> {
                all.add(e);
                if (e instanceof pool.api.PoolEvent.PoolExhausted x) {
                    exhausted.add(x);
                }
            };
            pool.addListener(listener);
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(pool.borrow(as("acme")));
            }
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(as("acme").withTimeout(Duration.ofMillis(50))));
            // An event of acme's part after its timeout: whatever that timeout announced came before it.
            held.remove(0).close();
            pool.softEvict();
            until("acme's evicted connection closed", Duration.ofSeconds(5), () -> all.stream()
                    .anyMatch(e -> e instanceof pool.api.PoolEvent.ConnectionDestroyed d && d.pool().endsWith("acme")));
            assertEquals(List.of(), exhausted, "acme at its max left the pool 3 connections");
            held.add(pool.borrow(as("acme")));
            held.add(pool.borrow(as("shop")));
            held.add(pool.borrow(as("shop")));
            held.add(pool.borrow(as("x")));
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(as("x").withTimeout(Duration.ofMillis(50))));
            until("exhaustion announced", Duration.ofSeconds(5), () -> !exhausted.isEmpty());
            assertEquals("shardfull", exhausted.getFirst().pool());
            assertEquals(6, exhausted.getFirst().stats().active());
            assertEquals(6, exhausted.getFirst().stats().maxSize());
            pool.removeListener(listener);
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void otherTenantsShareWhatIsLeftUnderTheDefaultLimits() throws Exception {
        try (ConnectionPool pool = open("others", sharded().build(), 8)) {
            // 8 - 3 - 2 = 3 for the others, 2 at most each
            Connection x1 = pool.borrow(as("x"));
            Connection x2 = pool.borrow(as("x"));
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(as("x").withTimeout(Duration.ofMillis(50))));
            Connection y = pool.borrow(as("y"));
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(as("z").withTimeout(Duration.ofMillis(50))));
            var tenants = pool.stats().tenants();
            assertEquals(List.of("acme", "shop", "x", "y", "z"), tenants.stream().map(t -> t.tenant()).toList());
            assertEquals(2, tenants.get(2).active());
            x1.close();
            x2.close();
            y.close();
        }
    }

    @Test
    void unknownTenantsAreRefusedWhenTheConfigurationSaysSo() throws Exception {
        Tenancy t = sharded().unknownTenants(UnknownTenants.REJECT).build();
        try (ConnectionPool pool = open("shardreject", t, 5)) {
            TenantRejectedException e = assertThrows(TenantRejectedException.class, () -> pool.borrow(as("x")));
            assertTrue(e.getMessage().contains("tenant 'x' is not configured"), e.getMessage());
            // The messages of shared mode, saying where a client sets its tenant.
            TenantRejectedException none = assertThrows(TenantRejectedException.class, pool::getConnection);
            assertTrue(none.getMessage().contains("this borrow names none: set the tenant (BorrowRequest.tenant,"
                    + " poold.tenant in the JNDI environment"), none.getMessage());
            TenantRejectedException bad = assertThrows(TenantRejectedException.class, () -> pool.borrow(as("a b")));
            assertTrue(bad.getMessage().endsWith("starting with a letter or digit"), bad.getMessage());
            pool.borrow(as("acme")).close();
        }
    }

    @Test
    void namedMaxesAboveMaxSizeAreAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoolConfig.builder("x").jdbcUrl("jdbc:stub:x").maxSize(4).tenancy(sharded().build()).build());
        assertTrue(e.getMessage().contains("in sharded mode the sum of the named tenants' max (5) must not exceed"
                + " maxSize (4)"), e.getMessage());
    }

    @Test
    void quotasResizeTheShardsLive() throws Exception {
        Tenancy t = sharded().build();
        try (ConnectionPool pool = open("shardlive", t, 8)) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(pool.borrow(as("acme")));
            }
            CompletableFuture<Connection> fourth = pool.borrowAsync(as("acme"));
            pool.apply(pool.liveSettings().withTenancy(t.withTenant("acme", t.limitsOf("acme").withMax(4))));
            held.add(fourth.get(5, TimeUnit.SECONDS));
            assertEquals(4, pool.config().tenancy().limitsOf("acme").max());
            assertEquals(4, pool.stats().tenants().getFirst().max());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.apply(
                    pool.liveSettings().withTenancy(pool.config().tenancy().withTenant("new", t.limitsOf("shop")))));
            assertTrue(e.getMessage().contains("named tenants of a sharded pool are fixed"), e.getMessage());
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void maxPendingBoundsTheWaitersOfTheWholePoolNotOfEachSubPool() throws Exception {
        Tenancy t = Tenancy.builder().mode(TenancyMode.SHARDED).tenant("acme", 0, 1, 1).tenant("shop", 0, 1, 1)
                .defaultLimits(0, 2, 1).build();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("shardpending")
                .jdbcUrl(StubDatabase.unique("shardpending").url()).maxSize(4).maxPending(1)
                .borrowTimeout(Duration.ofSeconds(10)).reaperInterval(Duration.ofHours(1)).tenancy(t).build())) {
            Connection acme = pool.borrow(as("acme"));
            Connection shop = pool.borrow(as("shop"));
            CompletableFuture<Connection> waiter = pool.borrowAsync(as("acme"));
            until("acme's borrower waits", Duration.ofSeconds(5), () -> pool.stats().pending() == 1);
            pool.api.PoolSaturatedException e = assertThrows(pool.api.PoolSaturatedException.class,
                    () -> pool.borrow(as("shop")));
            assertTrue(e.getMessage().startsWith("pool 'shardpending': 1 borrowers already wait (maxPending)"),
                    e.getMessage());
            assertEquals(1, pool.tenantStats("shop").orElseThrow().rejectedCount());
            acme.close();
            waiter.get(5, TimeUnit.SECONDS).close();
            CompletableFuture<Connection> again = pool.borrowAsync(as("shop"));
            until("shop's borrower waits", Duration.ofSeconds(5), () -> pool.stats().pending() == 1);
            shop.close();
            again.get(5, TimeUnit.SECONDS).close();
        }
    }

    /** As in shared mode: a suspended part's waiters are their tenant's waiting, and its maxPending refusals its rejections. */
    @Test
    void aSuspendedPartsWaitersAndRefusalsCountForTheirTenant() throws Exception {
        Tenancy t = Tenancy.builder().mode(TenancyMode.SHARDED).tenant("acme", 0, 3, 1).defaultLimits(0, 2, 1).build();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("shardsuspend")
                .jdbcUrl(StubDatabase.unique("shardsuspend").url()).maxSize(6).maxPending(2)
                .borrowTimeout(Duration.ofSeconds(10)).reaperInterval(Duration.ofHours(1)).tenancy(t).build())) {
            pool.borrow(as("acme")).close();
            pool.suspend();
            List<CompletableFuture<Connection>> waiting = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiting.add(pool.borrowAsync(as("acme")));
            }
            until("two waiting", Duration.ofSeconds(10), () -> pool.stats().pending() == 2);
            assertThrows(pool.api.PoolSaturatedException.class, () -> pool.borrow(as("acme")));
            pool.api.TenantStats acme = pool.tenantStats("acme").orElseThrow();
            assertEquals(0, acme.active(), String.valueOf(acme));
            assertEquals(2, acme.waiting(), String.valueOf(acme));
            assertEquals(1, acme.rejectedCount(), String.valueOf(acme));
            assertEquals(1, pool.stats().rejectedCount());
            pool.resume();
            for (CompletableFuture<Connection> f : waiting) {
                f.get(10, TimeUnit.SECONDS).close();
            }
        }
    }

    @Test
    void maxTenantsCountsTheNamedTenantsAsInSharedMode() throws Exception {
        Tenancy t = sharded().maxTenants(4).build();
        try (ConnectionPool pool = open("shardmaxten", t, 8)) {
            try (Connection a = pool.borrow(as("u1")); Connection b = pool.borrow(as("u2"))) {
                TenantRejectedException e = assertThrows(TenantRejectedException.class, () -> pool.borrow(as("u3")));
                assertEquals("pool 'shardmaxten': already serving maxTenants (4) tenants, all busy; tenant 'u3' is"
                        + " refused. Raise maxTenants or use fewer tenant names", e.getMessage());
                pool.apply(pool.liveSettings().withTenancy(t.toBuilder().maxTenants(5).build()));
                pool.borrow(as("u3")).close();
            }
        }
    }

    @Test
    void unknownTenantsCannotBeRefusedLiveInAShardedPoolThatAdmitsThem() throws Exception {
        Tenancy t = sharded().build();
        try (ConnectionPool pool = open("shardunk", t, 8)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.apply(
                    pool.liveSettings().withTenancy(t.toBuilder().unknownTenants(UnknownTenants.REJECT).build())));
            assertTrue(e.getMessage().contains("unknownTenants is fixed in sharded mode"), e.getMessage());
            assertEquals(UnknownTenants.ADMIT, pool.config().tenancy().unknownTenants());
            pool.borrow(as("walk-in")).close();
        }
    }

    @Test
    void aReloadReplacesAShardedPoolWhoseNamedTenantsChangeAndRetunesOneWhoseQuotasDo() {
        PoolConfig base = PoolConfig.builder("r").jdbcUrl("jdbc:stub:r").maxSize(8).tenancy(sharded().build()).build();
        Tenancy t = base.tenancy();
        PoolConfig quotas = base.toBuilder().tenancy(t.withTenant("acme", t.limitsOf("acme").withMax(4))).build();
        PoolConfig added = base.toBuilder().tenancy(t.withTenant("new", t.limitsOf("shop").withMax(1))).build();
        PoolConfig shared = base.toBuilder().tenancy(t.toBuilder().mode(TenancyMode.SHARED).build()).build();
        assertTrue(base.sameConnectionSettings(quotas), "quotas change in place");
        assertFalse(base.sameConnectionSettings(added), "a new named tenant needs a sub-pool: replace");
        assertFalse(base.sameConnectionSettings(shared), "another mode: replace");
    }

    @Test
    void closingClosesEveryShard() throws Exception {
        ConnectionPool pool = open("shardclose", sharded().build(), 8);
        Connection c = pool.borrow(as("acme"));
        assertNotEquals(0, pool.stats().total());
        pool.close();
        assertTrue(c.isClosed());
        assertThrows(java.sql.SQLException.class, () -> pool.borrow(as("shop")));
    }

    @Test
    void loweringATenantsMaxBelowWhatItHoldsNeverLetsThePoolPassMaxSize() throws Exception {
        Tenancy t = Tenancy.builder().mode(TenancyMode.SHARDED).tenant("acme", 0, 3, 1).defaultLimits(0, 2, 1).build();
        try (ConnectionPool pool = open("shardlower", t, 6)) {
            List<Connection> acme = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                acme.add(pool.borrow(as("acme")));
            }
            pool.apply(pool.liveSettings().withTenancy(t.withTenant("acme", t.limitsOf("acme").withMax(1))));
            // The others' share is now 5, but acme's 3 are still open: only 3 more fit in 6.
            List<Connection> walkIns = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                walkIns.add(pool.borrow(as("walk-in-" + i)));
            }
            assertThrows(PoolTimeoutException.class,
                    () -> pool.borrow(as("walk-in-3").withTimeout(Duration.ofMillis(100))));
            assertTrue(pool.stats().total() <= 6, pool.stats().toString());
            // acme's connections come back: those over its new max close, and the others grow into their room.
            for (Connection c : acme) {
                c.close();
            }
            until("the others' sub-pool grows to its share", Duration.ofSeconds(10),
                    () -> pool.stats().total() <= 6 && tryTwoMore(pool, walkIns));
            assertEquals(5, walkIns.size());
            assertTrue(pool.stats().total() <= 6, pool.stats().toString());
            for (Connection c : walkIns) {
                c.close();
            }
        }
    }


    @Test
    void partsKeepGrowingToTheirShareThroughLiveChangesUnderLoad() throws Exception {
        Tenancy t = Tenancy.builder().mode(TenancyMode.SHARDED).tenant("acme", 0, 3, 1).defaultLimits(0, 2, 1).build();
        try (ConnectionPool pool = open("shardflip", t, 6)) {
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.Queue<Throwable> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<Thread> borrowers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String tenant = i % 2 == 0 ? "acme" : "walk-in-" + i;
                borrowers.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        try (Connection c = pool.borrow(as(tenant).withTimeout(Duration.ofMillis(20)))) {
                            Thread.onSpinWait();
                        } catch (PoolTimeoutException busy) {
                            // expected under this load
                        } catch (Throwable e) {
                            wrong.add(e);
                        }
                    }
                }));
            }
            for (int i = 0; i < 200; i++) {
                int max = i % 2 == 0 ? 1 : 3;
                pool.apply(pool.liveSettings().withTenancy(t.withTenant("acme", t.limitsOf("acme").withMax(max))));
            }
            pool.apply(pool.liveSettings().withTenancy(t.withTenant("acme", t.limitsOf("acme").withMax(1))));
            running.set(false);
            for (Thread b : borrowers) {
                b.join();
            }
            assertTrue(wrong.isEmpty(), wrong.toString());
            // Every borrow is back: whatever the order of the changes and the closes, the others reach their 5.
            List<Connection> walkIns = new ArrayList<>();
            until("the others' sub-pool grows to its share", Duration.ofSeconds(10),
                    () -> tryTwoMore(pool, walkIns));
            assertTrue(pool.stats().total() <= 6, pool.stats().toString());
            for (Connection c : walkIns) {
                c.close();
            }
        }
    }

    private static boolean tryTwoMore(ConnectionPool pool, List<Connection> held) {
        while (held.size() < 5) {
            try {
                held.add(pool.borrow(as("walk-in-" + held.size()).withTimeout(Duration.ofMillis(50))));
            } catch (java.sql.SQLException notYet) {
                return false;
            }
        }
        return true;
    }
}
