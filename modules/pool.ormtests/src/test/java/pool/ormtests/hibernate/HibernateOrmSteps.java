package pool.ormtests.hibernate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hibernate.Session;
import pool.ormtests.Outcome;
import pool.ormtests.Step;

/**
 * The third set of Hibernate steps: versioned data in JDBC batches (a stale row among them),
 * bulk HQL updates and deletes, tuple and constructor projections, native queries read through
 * result set mappings, a {@code @Formula}, UUID keys and enums on a versioned entity.
 */
final class HibernateOrmSteps {

    private HibernateOrmSteps() {
    }

    static List<Step<Hib>> steps() {
        List<Step<Hib>> steps = new ArrayList<>();
        steps.add(Step.of("batch.versionedUpdateWithAStaleRow", HibernateOrmSteps::versionedBatch));
        steps.add(Step.of("query.bulkUpdateAndDelete", HibernateOrmSteps::bulk));
        steps.add(Step.of("query.tupleAndConstructorProjections", HibernateOrmSteps::projections));
        steps.add(Step.of("native.resultSetMappings", HibernateOrmSteps::resultSetMappings));
        steps.add(Step.of("mapping.formulaEnumsUuidVersion", HibernateOrmSteps::ledger));
        return steps;
    }

    private static void customers(Hib h, int n) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tx(em -> {
            for (int i = 1; i <= n; i++) {
                em.persist(new Customer(i, "v" + i, null));
            }
            return null;
        });
    }

    /**
     * Hibernate batches versioned updates (hibernate.jdbc.batch_size 50) and reads each
     * statement's update count from executeBatch: a 0 among them is a stale row.
     */
    private static Outcome versionedBatch(Hib h) throws Exception {
        customers(h, 30);
        Outcome out = Outcome.columns("what", "value");
        out.row("fresh batch", h.tx(em -> {
            List<Customer> all = em.createQuery("from Customer order by id", Customer.class).getResultList();
            all.forEach(c -> c.email = "batch@example.org");
            em.flush();
            return all.stream().mapToInt(c -> c.version).sum();
        }));
        EntityManager first = h.emf.createEntityManager();
        try {
            first.getTransaction().begin();
            List<Customer> all = first.createQuery("from Customer order by id", Customer.class).getResultList();
            h.tx(em -> {
                em.find(Customer.class, 17L).email = "meanwhile@example.org";
                return null;
            });
            all.forEach(c -> c.email = "stale@example.org");
            try {
                first.getTransaction().commit();
                out.row("stale batch", "committed");
            } catch (RuntimeException e) {
                out.row("stale batch", e);
            }
        } finally {
            if (first.getTransaction().isActive()) {
                first.getTransaction().rollback();
            }
            first.close();
        }
        out.row("stored", h.tx(em -> em.createQuery("select c.email || ' v' || c.version from Customer c order by c.id",
                String.class).getResultList()));
        out.row("versioned delete of a stale row", HibernateMoreSteps.tryIt(() -> h.tx(em -> {
            Customer c = em.find(Customer.class, 18L);
            h.tx(other -> {
                other.find(Customer.class, 18L).email = "again";
                return null;
            });
            em.remove(c);
            return "removed";
        })));
        return out;
    }

    private static Outcome bulk(Hib h) throws Exception {
        customers(h, 20);
        Outcome out = Outcome.columns("what", "value");
        out.row("update", h.tx(em -> em.createQuery("update Customer c set c.email = :e where c.id <= :n")
                .setParameter("e", "bulk@example.org").setParameter("n", 10L).executeUpdate()));
        out.row("update versioned", h.tx(em -> em.createQuery("update versioned Customer c set c.email = 'v' where c.id > 15")
                .executeUpdate()));
        out.row("update none", h.tx(em -> em.createQuery("update Customer c set c.email = 'x' where c.id > 1000")
                .executeUpdate()));
        out.row("delete", h.tx(em -> em.createQuery("delete from Customer c where c.id > 18").executeUpdate()));
        out.row("native update", h.tx(em -> em.createNativeQuery("update h_customer set email = null where id < 3")
                .executeUpdate()));
        out.row("stored", h.tx(em -> em.createQuery(
                "select c.id || ':' || coalesce(c.email, '-') || ':' || c.version from Customer c order by c.id", String.class)
                .getResultList()));
        return out;
    }

    private static Outcome projections(Hib h) throws Exception {
        customers(h, 12);
        h.tx(em -> em.createQuery("update Customer c set c.email = case when mod(c.id, 3) = 0 then 'a' else 'b' end")
                .executeUpdate());
        Outcome out = Outcome.columns("what", "value");
        h.tx(em -> {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            CriteriaQuery<Tuple> q = cb.createTupleQuery();
            Root<Customer> c = q.from(Customer.class);
            q.multiselect(c.get("email").alias("email"), cb.count(c).alias("n"), cb.max(c.<Long>get("id")).alias("top"),
                    cb.avg(c.<Long>get("id")).alias("mean"), cb.sum(c.<Integer>get("version")).alias("versions"))
                    .groupBy(c.get("email")).orderBy(cb.asc(c.get("email")));
            for (Tuple t : em.createQuery(q).getResultList()) {
                out.row("tuple " + t.get("email"), Arrays.asList(t.get("n"), t.get("top"), t.get("mean"), t.get("versions")));
            }
            for (Object[] row : em.createQuery("select c.name, length(c.name), c.id * 1.5, upper(c.email) from Customer c"
                    + " where c.id < 4 order by c.id", Object[].class).getResultList()) {
                out.row("object[]", Arrays.asList(row));
            }
            for (Object m : em.createQuery("select new map(c.name as name, c.version as v) from Customer c where c.id < 3"
                    + " order by c.id").getResultList()) {
                out.row("map", new java.util.TreeMap<>((java.util.Map<?, ?>) m).toString());
            }
            for (Ledger.Summary s : em.createQuery("select new pool.ormtests.hibernate.Ledger$Summary(c.email, count(c),"
                    + " sum(c.id * 1.0)) from Customer c group by c.email order by c.email", Ledger.Summary.class).getResultList()) {
                out.row("constructor", s.toString());
            }
            return null;
        });
        return out;
    }

    private static void ledgerRows(Hib h) throws Exception {
        h.tables().clear("h_ledger");
        h.tx(em -> {
            em.persist(new Ledger("acc-1", "10.50", Ledger.Kind.DEBIT, Ledger.State.OPEN));
            em.persist(new Ledger("acc-1", "-3.25", Ledger.Kind.CREDIT, Ledger.State.BOOKED));
            em.persist(new Ledger("acc-2", "100.00", Ledger.Kind.DEBIT, Ledger.State.VOID));
            return null;
        });
    }

    private static Outcome resultSetMappings(Hib h) throws Exception {
        ledgerRows(h);
        Outcome out = Outcome.columns("what", "value");
        h.tx(em -> {
            List<?> rows = em.createNativeQuery("select l.id as lid, l.account as acct, l.amount as amt, l.kind as knd,"
                    + " l.state as st, l.version as ver, (select count(*) from h_ledger y where y.account = l.account) as cnt,"
                    + " (select sum(x.amount) from h_ledger x where x.account = l.account)"
                    + " as running from h_ledger l order by l.account, l.amount", "LedgerWithTotal").getResultList();
            for (Object r : rows) {
                Object[] pair = (Object[]) r;
                Ledger l = (Ledger) pair[0];
                out.row("entity and column", Arrays.asList(l.account, l.amount, l.kind, l.state, l.version,
                        l.entriesOfAccount, l.id != null, pair[1]));
            }
            for (Object s : em.createNativeQuery("select account, count(*) as entries, sum(amount) as total from h_ledger"
                    + " group by account order by account", "LedgerSummary").getResultList()) {
                out.row("constructor", s.toString());
            }
            for (Object s : em.createNativeQuery("select account, count(*) as entries, max(amount) as top from h_ledger"
                    + " group by account order by account", Tuple.class).getResultList()) {
                Tuple t = (Tuple) s;
                out.row("native tuple", Arrays.asList(t.get("account"), t.get("entries"), t.get("top")));
            }
            out.row("native entity", em.createNativeQuery("select l.*, 1 as entriesOfAccount from h_ledger l where l.amount > 50", Ledger.class)
                    .getResultList().stream().map(o -> ((Ledger) o).account + " " + ((Ledger) o).kind).toList());
            out.row("native scalar types", Arrays.asList((Object[]) em.createNativeQuery(
                    "select count(*), sum(amount), min(kind), max(state), min(account) from h_ledger").getSingleResult())
                    .stream().map(v -> v == null ? "null" : v.getClass().getSimpleName()).toList());
            return null;
        });
        return out;
    }

    private static Outcome ledger(Hib h) throws Exception {
        ledgerRows(h);
        Outcome out = Outcome.columns("what", "value");
        h.tx(em -> {
            for (Ledger l : em.createQuery("from Ledger l order by l.account, l.amount", Ledger.class).getResultList()) {
                out.row("entry", Arrays.asList(l.account, l.amount, l.kind, l.state, l.entriesOfAccount, l.version,
                        l.id.version()));
            }
            out.row("by enum parameters", em.createQuery("select count(l) from Ledger l where l.kind = :k and l.state in :s",
                    Long.class).setParameter("k", Ledger.Kind.DEBIT)
                    .setParameter("s", List.of(Ledger.State.OPEN, Ledger.State.VOID)).getSingleResult());
            Ledger any = em.createQuery("from Ledger l where l.account = 'acc-2'", Ledger.class).getSingleResult();
            out.row("by uuid", em.find(Ledger.class, any.id).account);
            any.state = Ledger.State.BOOKED;
            em.flush();
            out.row("after update", any.version + " " + any.state);
            return null;
        });
        h.tx(em -> {
            em.unwrap(Session.class).doWork(c -> {
                try (var s = c.createStatement();
                        var rs = s.executeQuery("select kind, state, version from h_ledger order by account, amount")) {
                    while (rs.next()) {
                        out.row("stored", rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3));
                    }
                }
            });
            return null;
        });
        return out;
    }
}
