package pool.ormtests.hibernate;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import pool.ormtests.Backend;
import pool.ormtests.Norm;
import pool.ormtests.Outcome;
import pool.ormtests.Step;

/**
 * What an application sees of a deadlock and of a statement timeout through Hibernate: the
 * exception Hibernate raises (it picks its class by the driver's SQLState and vendor code), the
 * transaction that survives, and sessions that work afterwards, so that the pool has lost no
 * connection to either.
 */
final class HibernateLockSteps {

    private HibernateLockSteps() {
    }

    static List<Step<Hib>> steps() {
        return List.of(Step.of("lock.deadlock", HibernateLockSteps::deadlock),
                Step.of("query.timeoutOfAQuery", HibernateLockSteps::queryTimeout));
    }

    /**
     * Two sessions update rows 3 and 4 in opposite orders. The database ends one of them (which
     * one is its choice, so the outcomes are compared as a sorted pair); the other commits.
     */
    private static Outcome deadlock(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tx(em -> {
            for (long i = 1; i <= 4; i++) {
                em.persist(new Customer(i, "lock-" + i, null));
            }
            return null;
        });
        Outcome out = Outcome.columns("what", "value");
        EntityManager a = h.emf.createEntityManager();
        EntityManager b = h.emf.createEntityManager();
        try {
            a.getTransaction().begin();
            b.getTransaction().begin();
            a.find(Customer.class, 3L).name = "a-3";
            a.flush();
            b.find(Customer.class, 4L).name = "b-4";
            b.flush();
            CountDownLatch aWaits = new CountDownLatch(1);
            CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> HibernateMoreSteps.tryIt(() -> {
                Customer four = a.find(Customer.class, 4L);
                four.name = "a-4";
                aWaits.countDown();
                a.flush(); // waits for b's lock on row 4
                a.getTransaction().commit();
                return "committed";
            }));
            aWaits.await(30, TimeUnit.SECONDS);
            Thread.sleep(300); // lets a's update reach the row lock; either order makes the deadlock
            Object second = HibernateMoreSteps.tryIt(() -> {
                b.find(Customer.class, 3L).name = "b-3";
                b.flush();
                b.getTransaction().commit();
                return "committed";
            });
            List<String> outcomes = new ArrayList<>(List.of(Norm.of(first.get(120, TimeUnit.SECONDS)), Norm.of(second)));
            outcomes.sort(null);
            if (outcomes.stream().filter(o -> o.equals("String:committed")).count() != 1) {
                // on the driver's side this fails the step outright: it must test a real deadlock
                throw new IllegalStateException("not one deadlock victim and one survivor: " + outcomes);
            }
            out.row("the two transactions", outcomes);
        } finally {
            for (EntityManager em : List.of(a, b)) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            }
        }
        out.row("rows 3 and 4 of one transaction", h.tx(em -> {
            String three = em.find(Customer.class, 3L).name;
            String four = em.find(Customer.class, 4L).name;
            return three.charAt(0) == four.charAt(0);
        }));
        out.row("two sessions afterwards", List.of(h.tx(em -> em.find(Customer.class, 1L).name),
                h.tx(em -> em.find(Customer.class, 2L).name)));
        return out;
    }

    /** Query.setTimeout, Hibernate's own form, on a query past it; then the next query on a fresh session. */
    private static Outcome queryTimeout(Hib h) throws Exception {
        Outcome out = Outcome.columns("what", "value");
        String sleep = h.backend == Backend.POSTGRES ? "select pg_sleep(5)" : "select sleep(5)";
        out.row("Query.setTimeout(1)", HibernateMoreSteps.tryIt(() -> h.tx(em -> em.createNativeQuery(sleep)
                .unwrap(org.hibernate.query.Query.class).setTimeout(1).getSingleResult())));
        out.row("HQL under a 1 s timeout", HibernateMoreSteps.tryIt(() -> h.tx(em -> em.createQuery(
                "select count(c) from Customer c", Long.class).setHint("jakarta.persistence.query.timeout", 1000)
                .getSingleResult())));
        out.row("next query", h.tx(em -> em.createNativeQuery("select 41 + 1").getSingleResult()));
        return out;
    }
}
