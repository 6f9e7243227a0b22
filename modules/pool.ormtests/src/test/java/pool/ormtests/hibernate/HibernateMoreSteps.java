package pool.ormtests.hibernate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import pool.ormtests.Backend;
import pool.ormtests.Outcome;
import pool.ormtests.Step;
import pool.ormtests.TimeValues;

/**
 * The second Hibernate scenario: every basic type, key generators with batching, mappings
 * (inheritance, embeddables, element collections), criteria paging, StatelessSession,
 * SKIP LOCKED and lock/query timeouts, and schema update reading the database's metadata.
 */
final class HibernateMoreSteps {

    private HibernateMoreSteps() {
    }

    static List<Step<Hib>> steps() {
        List<Step<Hib>> steps = new ArrayList<>();
        steps.add(Step.of("types.everyBasicType", HibernateMoreSteps::everyBasicType));
        steps.add(Step.of("types.nullsAndVersion", HibernateMoreSteps::nullsAndVersion));
        steps.add(Step.of("generated.identity", HibernateMoreSteps::identity));
        steps.add(Step.of("generated.sequenceBatch", h -> generated(h, "SequenceItem", "h_sequence_item",
                Generated.SequenceItem::new)));
        steps.add(Step.of("generated.tableBatch", h -> generated(h, "TableItem", "h_table_item", Generated.TableItem::new)));
        steps.add(Step.of("mapping.inheritance", HibernateMoreSteps::inheritance));
        steps.add(Step.of("mapping.embeddedAndElementCollection", HibernateMoreSteps::embedded));
        steps.add(Step.of("query.criteriaPaging", HibernateMoreSteps::criteriaPaging));
        steps.add(Step.of("stateless.session", HibernateMoreSteps::stateless));
        steps.add(Step.of("lock.skipLocked", HibernateMoreSteps::skipLocked));
        steps.add(Step.of("lock.timeout", HibernateMoreSteps::lockTimeout));
        steps.add(Step.of("query.timeout", HibernateMoreSteps::queryTimeout));
        steps.add(Step.of("schema.updateRecreatesATable", HibernateMoreSteps::schemaUpdate));
        steps.add(Step.<Hib>of("types.json", HibernateMoreSteps::json).only(Backend.POSTGRES));
        steps.add(Step.of("stream.noFetchSize10000", HibernateMoreSteps::streamWithoutFetchSize));
        // hibernate.jdbc.time_zone=UTC: Hibernate binds and reads every timestamp with a UTC Calendar
        steps.add(Step.time("time.jdbcTimeZoneUtc.localDateTime", h -> utc(h, "localDateTime",
                TimeValues.LOCAL_DATE_TIMES, (m, v) -> m.localDateTime = v)));
        steps.add(Step.time("time.jdbcTimeZoneUtc.instant", h -> utc(h, "instant", TimeValues.INSTANTS,
                (m, v) -> m.instant = v)));
        steps.add(Step.time("time.jdbcTimeZoneUtc.offsetDateTime", h -> utc(h, "offsetDateTime",
                TimeValues.OFFSET_DATE_TIMES, (m, v) -> m.offsetDateTime = v)));
        steps.add(Step.time("time.jdbcTimeZoneUtc.localTime", h -> utc(h, "localTime", TimeValues.LOCAL_TIMES,
                (m, v) -> m.localTime = v)));
        steps.add(Step.time("time.jdbcTimeZoneUtc.localDate", h -> utc(h, "localDate", TimeValues.LOCAL_DATES,
                (m, v) -> m.localDate = v)));
        return steps;
    }

    // ------------------------------------------------------------------ types

    private static Zoo full() throws Exception {
        Zoo z = Zoo.empty();
        z.money = new BigDecimal("12345678901234567890.0123456789");
        z.big = new BigInteger("123456789012345678901234567890123456");
        z.uuid = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        z.bytes = new byte[] {0, 1, -1, 127, -128, 42};
        z.letter = 'ß';
        z.boxedLetter = 'x';
        z.flag = true;
        z.boxedFlag = Boolean.FALSE;
        z.tiny = -7;
        z.small = 32000;
        z.medium = -2_000_000_000;
        z.large = Long.MIN_VALUE + 1;
        z.single = 3.25f;
        z.dbl = -1.0e-300;
        z.ordinalColour = Zoo.Colour.BLUE;
        z.stringColour = Zoo.Colour.GREEN;
        z.duration = Duration.ofDays(400).plusNanos(123_456_789);
        z.year = Year.of(1582);
        z.zoneOffset = ZoneOffset.ofHoursMinutes(-9, -30);
        z.zoneId = ZoneId.of("Asia/Kathmandu");
        z.timeZone = TimeZone.getTimeZone("Australia/Lord_Howe");
        z.locale = Locale.forLanguageTag("de-CH");
        z.currency = Currency.getInstance("CHF");
        z.url = URI.create("https://example.org/a?b=c#d").toURL();
        return z;
    }

    private static void describe(Outcome out, String stage, Zoo z) {
        out.row(stage, "version", z.version);
        out.row(stage, "money", z.money);
        out.row(stage, "big", z.big);
        out.row(stage, "uuid", z.uuid);
        out.row(stage, "bytes", z.bytes);
        out.row(stage, "letter", z.letter);
        out.row(stage, "boxedLetter", z.boxedLetter);
        out.row(stage, "flag", z.flag);
        out.row(stage, "boxedFlag", z.boxedFlag);
        out.row(stage, "tiny", z.tiny);
        out.row(stage, "small", z.small);
        out.row(stage, "medium", z.medium);
        out.row(stage, "large", z.large);
        out.row(stage, "single", z.single);
        out.row(stage, "dbl", z.dbl);
        out.row(stage, "ordinalColour", z.ordinalColour);
        out.row(stage, "stringColour", z.stringColour);
        out.row(stage, "duration", z.duration);
        out.row(stage, "year", z.year);
        out.row(stage, "zoneOffset", z.zoneOffset);
        out.row(stage, "zoneId", z.zoneId);
        out.row(stage, "timeZone", z.timeZone == null ? null : z.timeZone.getID());
        out.row(stage, "locale", z.locale);
        out.row(stage, "currency", z.currency);
        out.row(stage, "url", z.url == null ? null : z.url.toString());
    }

    private static Outcome everyBasicType(Hib h) throws Exception {
        h.tables().clear("h_zoo");
        Zoo z = full();
        h.tx(em -> {
            em.persist(z);
            return null;
        });
        Outcome out = Outcome.columns("stage", "field", "value");
        long id = z.id;
        h.tx(em -> {
            describe(out, "found", em.find(Zoo.class, id));
            return null;
        });
        // The same values as parameters of a query: each must find the row.
        h.tx(em -> {
            for (String f : List.of("money", "big", "uuid", "bytes", "letter", "boxedLetter", "flag", "ordinalColour",
                    "stringColour", "duration", "year", "zoneOffset", "timeZone", "locale", "currency", "url")) {
                Object v = Zoo.class.getDeclaredField(f).get(z);
                out.row("where " + f + " = :v", "rows", em.createQuery("select count(z) from Zoo z where z." + f + " = :v",
                        Long.class).setParameter("v", v).getSingleResult());
            }
            return null;
        });
        for (String column : List.of("money", "big", "uuid", "letter", "flag", "ordinal_colour", "string_colour",
                "duration", "year", "zone_offset", "time_zone", "locale", "currency", "url", "single", "dbl")) {
            h.tables().stored(out, "h_zoo", column, x -> "stored");
        }
        return out;
    }

    private static Outcome nullsAndVersion(Hib h) throws Exception {
        h.tables().clear("h_zoo");
        Zoo z = Zoo.empty();
        z.letter = 'n'; // a primitive char: PostgreSQL refuses the default, NUL, on the driver's data source too
        h.tx(em -> {
            em.persist(z);
            return null;
        });
        Outcome out = Outcome.columns("stage", "field", "value");
        long id = z.id;
        h.tx(em -> {
            describe(out, "nulls", em.find(Zoo.class, id));
            return null;
        });
        Zoo filled = full();
        h.tx(em -> {
            Zoo found = em.find(Zoo.class, id);
            found.money = filled.money;
            found.year = filled.year;
            return null;
        });
        h.tx(em -> {
            Zoo found = em.find(Zoo.class, id);
            out.row("updated", "version", found.version);
            out.row("updated", "money", found.money);
            out.row("updated", "year", found.year);
            return null;
        });
        return out;
    }

    private static Outcome json(Hib h) throws Exception {
        h.tables().clear("h_json_doc");
        h.tx(em -> {
            JsonDoc d = new JsonDoc();
            d.id = 1L;
            Map<String, Object> nested = new java.util.LinkedHashMap<>();
            nested.put("when", "2024-02-29T08:00:00+05:30");
            nested.put("n", List.of(1, 2.5, -3));
            d.attributes = new java.util.LinkedHashMap<>();
            d.attributes.put("name", "Zoë \"quoted\" \\ 日本");
            d.attributes.put("nested", nested);
            d.attributes.put("nothing", null);
            d.attributes.put("yes", true);
            d.tags = List.of("a", "b");
            em.persist(d);
            JsonDoc e = new JsonDoc();
            e.id = 2L;
            em.persist(e);
            return null;
        });
        Outcome out = Outcome.columns("id", "what", "value");
        h.tx(em -> {
            for (JsonDoc d : em.createQuery("from JsonDoc order by id", JsonDoc.class).getResultList()) {
                out.row(d.id, "attributes", d.attributes);
                out.row(d.id, "tags", d.tags);
            }
            out.row(null, "by a JSON path (native)", em.createNativeQuery(
                    "select id from h_json_doc where attributes->>'name' like 'Zo%'").getResultList());
            return null;
        });
        h.tables().stored(out, "h_json_doc", "attributes", id -> id);
        return out;
    }

    /** A time step on a unit with {@code hibernate.jdbc.time_zone=UTC}, as applications set it to store UTC. */
    private static <T> Outcome utc(Hib h, String field, List<T> values, java.util.function.BiConsumer<Moment, T> setter)
            throws Exception {
        try (var emf = ContainerBootstrap.start("utc", h.dataSource, ContainerBootstrap.on(h.backend,
                Map.of("hibernate.jdbc.time_zone", "UTC")))) {
            return HibernateScenario.timeStep(new Hib(h.backend, h.dataSource, emf), field, values, setter);
        }
    }

    /** Scroll and stream 10,000 entities as most applications do: no fetch size, in autocommit-off transactions. */
    private static Outcome streamWithoutFetchSize(Hib h) throws Exception {
        HibernateScenario.bulk(h);
        HibernateScenario.Summary streamed = h.tx(em -> {
            HibernateScenario.Summary sum = new HibernateScenario.Summary();
            try (java.util.stream.Stream<Bulk> rows = em.createQuery("from Bulk order by id", Bulk.class)
                    .getResultStream()) {
                rows.forEach(sum::add);
            }
            return sum;
        });
        HibernateScenario.Summary scrolled = h.tx(em -> {
            HibernateScenario.Summary sum = new HibernateScenario.Summary();
            Session s = em.unwrap(Session.class);
            try (ScrollableResults<Bulk> r = s.createSelectionQuery("from Bulk order by id", Bulk.class).scroll()) {
                while (r.next()) {
                    sum.add(r.get());
                    if (sum.count % 2000 == 0) {
                        s.clear();
                    }
                }
            }
            return sum;
        });
        return Outcome.columns("how", "rows", "sum of n", "digest")
                .row("getResultStream", streamed.count, streamed.total, streamed.digest())
                .row("scroll", scrolled.count, scrolled.total, scrolled.digest());
    }

    // ------------------------------------------------------------------ key generators

    private static Outcome identity(Hib h) throws Exception {
        h.tables().clear("h_identity_item");
        List<Generated.IdentityItem> items = new ArrayList<>();
        h.tx(em -> {
            for (int i = 0; i < 120; i++) {
                Generated.IdentityItem it = new Generated.IdentityItem("identity-" + i);
                em.persist(it);
                items.add(it);
            }
            return null;
        });
        Outcome out = Outcome.columns("what", "value");
        long first = items.get(0).id;
        out.row("ids after the first", items.stream().map(i -> i.id - first).toList());
        List<Long> statelessIds = new ArrayList<>();
        try (StatelessSession s = h.emf.unwrap(SessionFactory.class).openStatelessSession()) {
            s.getTransaction().begin();
            for (int i = 0; i < 30; i++) {
                Generated.IdentityItem it = new Generated.IdentityItem("stateless-" + i);
                s.insert(it);
                statelessIds.add(it.id);
            }
            s.getTransaction().commit();
        }
        out.row("stateless ids after the last", statelessIds.stream().map(i -> i - items.get(119).id).toList());
        out.row("rows", h.tx(em -> em.createQuery("select count(i), count(distinct i.name) from IdentityItem i",
                Object[].class).getSingleResult()));
        return out;
    }

    private static <T> Outcome generated(Hib h, String entity, String table, java.util.function.Function<String, T> make)
            throws Exception {
        h.tables().clear(table);
        List<T> items = new ArrayList<>();
        h.tx(em -> {
            for (int i = 0; i < 125; i++) {
                T it = make.apply(entity + "-" + i);
                em.persist(it);
                items.add(it);
            }
            return null;
        });
        List<Long> ids = new ArrayList<>();
        for (T it : items) {
            ids.add((Long) h.emf.getPersistenceUnitUtil().getIdentifier(it));
        }
        long first = ids.get(0);
        Outcome out = Outcome.columns("what", "value");
        out.row("ids after the first", ids.stream().map(i -> i - first).toList());
        out.row("rows", h.tx(em -> em.createQuery("select count(i), min(i.id) - " + first + ", max(i.id) - " + first
                + " from " + entity + " i", Object[].class).getSingleResult()));
        return out;
    }

    // ------------------------------------------------------------------ mappings

    private static Outcome inheritance(Hib h) throws Exception {
        h.tables().clear("h_animal", "h_car", "h_bike", "h_vehicle", "h_circle", "h_square");
        h.tx(em -> {
            // each hierarchy alternates its two subclasses: even ids one, odd ids the other
            for (long i = 1; i <= 6; i++) {
                boolean even = i % 2 == 0;
                em.persist(even ? new Shapes.Dog(i, (int) i) : new Shapes.Cat(i, i % 3 == 0));
                em.persist(even ? new Shapes.Car(i, (int) i) : new Shapes.Bike(i, i % 3 == 0));
                em.persist(even ? new Shapes.Circle(i, i / 2.0) : new Shapes.Square(i, i * 1.5));
            }
            return null;
        });
        return h.tx(em -> {
            Outcome out = Outcome.columns("query", "type", "id", "name");
            for (Shapes.Animal a : em.createQuery("select a from Animal a order by a.id", Shapes.Animal.class).getResultList()) {
                out.row("animals", a.getClass().getSimpleName(), a.id, a.name);
            }
            for (Shapes.Vehicle v : em.createQuery("select v from Vehicle v where type(v) = Car or v.id = 1 order by v.id",
                    Shapes.Vehicle.class).getResultList()) {
                out.row("cars and vehicle 1", v.getClass().getSimpleName(), v.id, v.maker);
            }
            for (Shapes.Figure f : em.createQuery("select f from Figure f order by f.id desc", Shapes.Figure.class)
                    .setFirstResult(1).setMaxResults(4).getResultList()) {
                out.row("figures, page", f.getClass().getSimpleName(), f.id, f.label);
            }
            out.row("count dogs", "Long", em.createQuery("select count(d) from Dog d", Long.class).getSingleResult(), null);
            return out;
        });
    }

    private static Outcome embedded(Hib h) throws Exception {
        h.tables().clear("h_person_nickname", "h_person");
        h.tx(em -> {
            for (long i = 1; i <= 3; i++) {
                Shapes.Person p = new Shapes.Person();
                p.id = i;
                p.name = "person-" + i;
                if (i != 2) {
                    p.address = new Shapes.Address();
                    p.address.street = i + " Main St";
                    p.address.postalCode = "800" + i;
                    p.address.city = "Zürich";
                }
                for (int n = 0; n < i; n++) {
                    p.nicknames.add("nick-" + i + "-" + n);
                }
                em.persist(p);
            }
            return null;
        });
        h.tx(em -> {
            Shapes.Person p = em.find(Shapes.Person.class, 3L);
            p.nicknames.remove(0);
            p.nicknames.add("late");
            p.address.city = "Genève";
            return null;
        });
        return h.tx(em -> {
            Outcome out = Outcome.columns("id", "name", "street", "postal code", "city", "nicknames");
            for (Shapes.Person p : em.createQuery("select p from Person p order by p.id", Shapes.Person.class)
                    .getResultList()) {
                out.row(p.id, p.name, p.address == null ? null : p.address.street,
                        p.address == null ? null : p.address.postalCode, p.address == null ? null : p.address.city,
                        new ArrayList<>(p.nicknames));
            }
            out.row("by city", em.createQuery("select count(p) from Person p where p.address.city = :c", Long.class)
                    .setParameter("c", "Zürich").getSingleResult(), null, null, null, null);
            out.row("by nickname", em.createQuery("select p.id from Person p join p.nicknames n where n = :n", Long.class)
                    .setParameter("n", "late").getResultList(), null, null, null, null);
            return out;
        });
    }

    // ------------------------------------------------------------------ queries

    private static Outcome criteriaPaging(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tx(em -> {
            for (int i = 1; i <= 57; i++) {
                em.persist(new Customer(i, "crit-" + String.format("%03d", i), i % 4 == 0 ? null : "m" + i));
            }
            return null;
        });
        return h.tx(em -> {
            Outcome out = Outcome.columns("page", "ids");
            CriteriaBuilder cb = em.getCriteriaBuilder();
            for (int page = 0; page < 4; page++) {
                CriteriaQuery<Long> q = cb.createQuery(Long.class);
                Root<Customer> c = q.from(Customer.class);
                q.select(c.get("id")).where(cb.like(c.get("name"), "crit-%"), cb.isNotNull(c.get("email")))
                        .orderBy(cb.desc(c.get("name")));
                out.row(page, em.createQuery(q).setFirstResult(page * 12).setMaxResults(12).getResultList());
            }
            CriteriaQuery<Long> count = cb.createQuery(Long.class);
            Root<Customer> c = count.from(Customer.class);
            count.select(cb.count(c)).where(cb.isNotNull(c.get("email")));
            out.row("count", em.createQuery(count).getSingleResult());
            return out;
        });
    }

    private static Outcome stateless(Hib h) throws Exception {
        h.tables().clear("h_sequence_item");
        Outcome out = Outcome.columns("what", "value");
        try (StatelessSession s = h.emf.unwrap(SessionFactory.class).openStatelessSession()) {
            s.setJdbcBatchSize(25);
            s.getTransaction().begin();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Generated.SequenceItem it = new Generated.SequenceItem("sl-" + i);
                s.insert(it);
                ids.add(it.id);
            }
            s.getTransaction().commit();
            // The values depend on what the generator's pool had left from earlier steps on that side
            out.row("distinct increasing ids", ids.stream().distinct().count() == ids.size()
                    && ids.equals(ids.stream().sorted().toList()));
            s.getTransaction().begin();
            Generated.SequenceItem one = s.get(Generated.SequenceItem.class, ids.get(7));
            out.row("get", one.name);
            one.name = "renamed";
            s.update(one);
            s.delete(s.get(Generated.SequenceItem.class, ids.get(8)));
            s.getTransaction().commit();
            s.getTransaction().begin();
            int n = 0;
            List<String> names = new ArrayList<>();
            try (ScrollableResults<Generated.SequenceItem> r = s.createSelectionQuery(
                    "from SequenceItem order by id", Generated.SequenceItem.class).scroll(ScrollMode.FORWARD_ONLY)) {
                while (r.next()) {
                    n++;
                    if (n <= 10) {
                        names.add(r.get().name);
                    }
                }
            }
            s.getTransaction().commit();
            out.row("scrolled", n);
            out.row("first names", names);
        }
        return out;
    }

    // ------------------------------------------------------------------ locks and timeouts

    private static void lockRows(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tx(em -> {
            for (int i = 1; i <= 4; i++) {
                em.persist(new Customer(i, "lock-" + i, null));
            }
            return null;
        });
    }

    private static Outcome skipLocked(Hib h) throws Exception {
        lockRows(h);
        Outcome out = Outcome.columns("what", "value");
        EntityManager holder = h.emf.createEntityManager();
        try {
            holder.getTransaction().begin();
            holder.find(Customer.class, 2L, LockModeType.PESSIMISTIC_WRITE);
            out.row("skip locked", h.tx(em -> em.createQuery("select c.id from Customer c order by c.id", Long.class)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint("jakarta.persistence.lock.timeout", -2).getResultList()));
            out.row("nowait query", tryIt(() -> h.tx(em -> em.createQuery("select c from Customer c where c.id = 2",
                    Customer.class).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint("jakarta.persistence.lock.timeout", 0).getResultList().size())));
        } finally {
            holder.getTransaction().rollback();
            holder.close();
        }
        return out;
    }

    private static Outcome lockTimeout(Hib h) throws Exception {
        lockRows(h);
        Outcome out = Outcome.columns("what", "value");
        EntityManager holder = h.emf.createEntityManager();
        try {
            holder.getTransaction().begin();
            holder.find(Customer.class, 3L, LockModeType.PESSIMISTIC_WRITE);
            out.row("wait 1 s for a held lock", tryIt(() -> h.tx(em -> timedFind(h, em, 3L))));
            out.row("a free row meanwhile", h.tx(em -> timedFind(h, em, 4L)));
        } finally {
            holder.getTransaction().rollback();
            holder.close();
        }
        out.row("after release", h.tx(em -> timedFind(h, em, 3L)));
        return out;
    }

    /**
     * A write lock that waits at most a second: Hibernate writes {@code FOR UPDATE WAIT 1} on
     * MariaDB; PostgreSQL has no such clause (Hibernate ignores a positive lock timeout there), so
     * an application sets the session's {@code lock_timeout} for the transaction.
     */
    private static String timedFind(Hib h, EntityManager em, long id) {
        if (h.backend == Backend.POSTGRES) {
            em.createNativeQuery("set local lock_timeout = '1s'").executeUpdate();
        }
        return em.find(Customer.class, id, LockModeType.PESSIMISTIC_WRITE,
                Map.of("jakarta.persistence.lock.timeout", 1000)).name;
    }

    private static Outcome queryTimeout(Hib h) throws Exception {
        Outcome out = Outcome.columns("what", "value");
        String sleep = h.backend == Backend.POSTGRES ? "select pg_sleep(5)" : "select sleep(5)";
        out.row("native query past its 1 s timeout", tryIt(() -> h.tx(em -> em.createNativeQuery(sleep)
                .setHint("jakarta.persistence.query.timeout", 1000).getSingleResult())));
        out.row("next query", h.tx(em -> em.createNativeQuery("select 41 + 1").getSingleResult()));
        return out;
    }

    interface Attempt {
        Object run() throws Exception;
    }

    /** @return what {@code a} returned, or the exception it threw: a step's outcome either way */
    static Object tryIt(Attempt a) {
        try {
            return a.run();
        } catch (Exception e) {
            return e;
        }
    }

    // ------------------------------------------------------------------ schema

    private static Outcome schemaUpdate(Hib h) throws Exception {
        h.tables().run("drop table if exists h_person_nickname");
        Outcome out = Outcome.columns("what", "value");
        try (var emf = ContainerBootstrap.start("update", h.dataSource, ContainerBootstrap.on(h.backend,
                Map.of("hibernate.hbm2ddl.auto", "update", "hibernate.hbm2ddl.halt_on_error", "true")))) {
            out.row("update", "done for " + emf.getMetamodel().getEntities().size() + " entities");
        }
        try (Connection c = h.backend.verifier()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, null, "h_person_nickname", null)) {
                while (rs.next()) {
                    cols.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + " " + rs.getString("IS_NULLABLE"));
                }
            }
            out.row("recreated columns", cols);
        }
        try (var emf = ContainerBootstrap.start("validate", h.dataSource, ContainerBootstrap.on(h.backend,
                Map.of("hibernate.hbm2ddl.auto", "validate")))) {
            out.row("validate", "valid for " + emf.getMetamodel().getEntities().size() + " entities");
        }
        return out;
    }
}
