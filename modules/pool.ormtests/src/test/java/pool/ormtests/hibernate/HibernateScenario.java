package pool.ormtests.hibernate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import pool.ormtests.Backend;
import pool.ormtests.Norm;
import pool.ormtests.Outcome;
import pool.ormtests.Step;
import pool.ormtests.TimeValues;

/**
 * The Hibernate scenario: what an application does through JPA and Hibernate's own API,
 * one step per thing that can go wrong on the way through poold. Each step returns what it
 * saw; {@link pool.ormtests.Comparison} compares it between the two sides.
 */
final class HibernateScenario {

    static final int BULK_ROWS = 10_000;

    private HibernateScenario() {
    }

    static List<Step<Hib>> steps() {
        List<Step<Hib>> steps = new ArrayList<>();
        steps.add(Step.of("bootstrap.detectedDialect", HibernateScenario::detectedDialect));
        steps.add(Step.of("bootstrap.connectionMetadata", HibernateScenario::connectionMetadata));
        steps.add(Step.of("bootstrap.schemaValidates", HibernateScenario::schemaValidates));
        steps.add(Step.of("crud.persistFindUpdateRemove", HibernateScenario::crud));
        steps.add(Step.of("batch.persist1000", HibernateScenario::batchPersist));
        steps.add(Step.of("batch.jdbcUpdateCounts", HibernateScenario::jdbcBatch));
        steps.add(Step.of("batch.jdbcFailure", HibernateScenario::jdbcBatchFailure));
        steps.add(Step.of("query.joinFetch", HibernateScenario::joinFetch));
        steps.add(Step.of("query.criteriaGroupBy", HibernateScenario::criteriaGroupBy));
        steps.add(Step.of("query.paging", HibernateScenario::paging));
        steps.add(Step.of("lock.optimistic", HibernateScenario::optimistic));
        steps.add(Step.of("lock.pessimistic", HibernateScenario::pessimistic));
        steps.add(Step.of("constraint.unique", h -> violation(h, em -> em.persist(new Customer(2, "c1", null)))));
        steps.add(Step.of("constraint.notNull", h -> violation(h, em -> em.createNativeQuery(
                "insert into h_customer(id, name, version) values (2, null, 0)").executeUpdate())));
        steps.add(Step.of("constraint.foreignKey", h -> violation(h, em -> em.createNativeQuery(
                "insert into h_order(id, customer_id, placed, total) values (1, 999, date '2024-01-01', 1)")
                .executeUpdate())));
        steps.add(Step.of("constraint.check", h -> violation(h, em -> em.persist(new PurchaseOrder(1,
                em.find(Customer.class, 1L), LocalDate.of(2024, 1, 1), new BigDecimal("-1.00"),
                PurchaseOrder.Status.NEW)))));
        steps.add(Step.of("lob.annotatedStringAndBytes", HibernateScenario::annotatedLobs));
        steps.add(Step.of("lob.clobAndBlob", HibernateScenario::clobAndBlob));
        steps.add(Step.of("lob.emptyAndNull", HibernateScenario::emptyAndNullLobs));
        steps.add(Step.time("time.localDate", h -> timeStep(h, "localDate", TimeValues.LOCAL_DATES, (m, v) -> m.localDate = v)));
        steps.add(Step.time("time.localTime", h -> timeStep(h, "localTime", TimeValues.LOCAL_TIMES, (m, v) -> m.localTime = v)));
        steps.add(Step.time("time.localDateTime", h -> timeStep(h, "localDateTime", TimeValues.LOCAL_DATE_TIMES,
                (m, v) -> m.localDateTime = v)));
        steps.add(Step.time("time.offsetDateTime", h -> timeStep(h, "offsetDateTime", TimeValues.OFFSET_DATE_TIMES,
                (m, v) -> m.offsetDateTime = v)));
        steps.add(Step.time("time.offsetTime", h -> timeStep(h, "offsetTime", TimeValues.OFFSET_TIMES,
                (m, v) -> m.offsetTime = v)));
        steps.add(Step.time("time.zonedDateTime", h -> timeStep(h, "zonedDateTime", TimeValues.ZONED_DATE_TIMES,
                (m, v) -> m.zonedDateTime = v)));
        steps.add(Step.time("time.instant", h -> timeStep(h, "instant", TimeValues.INSTANTS, (m, v) -> m.instant = v)));
        steps.add(Step.time("time.duration", h -> timeStep(h, "duration", TimeValues.DURATIONS, (m, v) -> m.duration = v)));
        steps.add(Step.time("time.utilDateAsTimestamp", h -> timeStep(h, "utilTimestamp", utilDates(),
                (m, v) -> m.utilTimestamp = v)));
        steps.add(Step.time("time.utilDateAsDate", h -> timeStep(h, "utilDate", utilDates(), (m, v) -> m.utilDate = v)));
        steps.add(Step.time("time.utilDateAsTime", h -> timeStep(h, "utilTime", utilDates(), (m, v) -> m.utilTime = v)));
        steps.add(Step.time("time.calendarTimestamp", h -> timeStep(h, "calendarTimestamp", calendars(),
                (m, v) -> m.calendarTimestamp = v)));
        steps.add(Step.time("time.calendarDate", h -> timeStep(h, "calendarDate", calendars(),
                (m, v) -> m.calendarDate = v)));
        steps.add(Step.time("time.sqlTimestamp", h -> timeStep(h, "sqlTimestamp",
                TimeValues.LOCAL_DATE_TIMES.stream().map(Timestamp::valueOf).toList(), (m, v) -> m.sqlTimestamp = v)));
        steps.add(Step.time("time.parameterVersusLiteral", HibernateScenario::parameterVersusLiteral));
        steps.add(Step.time("native.temporalLiterals", HibernateScenario::temporalLiterals));
        steps.add(Step.time("native.sessionTimeZone", HibernateScenario::sessionTimeZone));
        steps.add(Step.<Hib>of("native.postgresTypes", HibernateScenario::postgresTypes).only(Backend.POSTGRES));
        steps.add(Step.of("arrays.basic", HibernateScenario::arrays));
        steps.add(Step.of("scroll.default10000", h -> scroll(h, null)));
        steps.add(Step.of("scroll.insensitive10000", h -> scroll(h, ScrollMode.SCROLL_INSENSITIVE)));
        steps.add(Step.of("scroll.forwardOnly10000", HibernateScenario::scrollForwardOnly));
        steps.add(Step.of("stream.10000", HibernateScenario::stream));
        steps.add(Step.of("savepoint.namedAndUnnamed", HibernateScenario::savepoints));
        return steps;
    }

    // ------------------------------------------------------------------ bootstrap

    private static Outcome detectedDialect(Hib h) throws Exception {
        var dialect = h.emf.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
        Object driverKind = null;
        try {
            driverKind = dialect.getClass().getMethod("getDriverKind").invoke(dialect);
        } catch (NoSuchMethodException notPostgres) {
            // only PostgreSQLDialect tells which driver kind it detected
        }
        return Outcome.columns("dialect", "version", "driver kind")
                .row(dialect.getClass().getName(), dialect.getVersion().toString(), driverKind);
    }

    private static Outcome connectionMetadata(Hib h) throws Exception {
        Outcome out = Outcome.columns("what", "value");
        h.tx(em -> {
            em.unwrap(Session.class).doWork(c -> {
                DatabaseMetaData md = c.getMetaData();
                out.row("product", md.getDatabaseProductName());
                out.row("product version", md.getDatabaseProductVersion());
                out.row("driver", md.getDriverName());
                out.row("driver version", md.getDriverVersion());
                out.row("JDBC version", md.getJDBCMajorVersion() + "." + md.getJDBCMinorVersion());
            });
            return null;
        });
        return out;
    }

    private static Outcome schemaValidates(Hib h) {
        try (var emf = ContainerBootstrap.start("validate", h.dataSource, ContainerBootstrap.on(h.backend,
                Map.of("hibernate.hbm2ddl.auto", "validate")))) {
            return Outcome.columns("schema").row("valid for " + emf.getMetamodel().getEntities().size() + " entities");
        }
    }

    // ------------------------------------------------------------------ CRUD and batches

    private static Outcome crud(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tx(em -> {
            em.persist(new Customer(1, "Ada", "ada@example.org"));
            return null;
        });
        Outcome out = Outcome.columns("stage", "id", "name", "email", "version");
        h.tx(em -> {
            Customer c = em.find(Customer.class, 1L);
            out.row("found", c.id, c.name, c.email, c.version);
            c.email = "ada@example.com";
            return null;
        });
        h.tx(em -> {
            Customer c = em.find(Customer.class, 1L);
            out.row("updated", c.id, c.name, c.email, c.version);
            em.remove(c);
            return null;
        });
        h.tx(em -> {
            out.row("removed", 1L, em.find(Customer.class, 1L), null, null);
            return null;
        });
        return out;
    }

    private static Outcome batchPersist(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tx(em -> {
            for (int i = 1; i <= 1000; i++) {
                em.persist(new Customer(i, "batch-" + i, i % 3 == 0 ? null : "b" + i + "@example.org"));
            }
            return null;
        });
        return h.tx(em -> {
            Object[] r = em.createQuery("select count(c), sum(c.id), min(c.name), max(c.name), count(c.email)"
                    + " from Customer c", Object[].class).getSingleResult();
            return Outcome.columns("count", "sum", "min", "max", "emails").row(r);
        });
    }

    private static Outcome jdbcBatch(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        return h.tx(em -> {
            Outcome out = Outcome.columns("what", "value");
            em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into h_customer(id, name, email, version) values (?, ?, ?, 0)")) {
                    for (int i = 1; i <= 3; i++) {
                        ps.setLong(1, i);
                        ps.setString(2, "jdbc-" + i);
                        ps.setString(3, null);
                        ps.addBatch();
                    }
                    out.row("insert counts", ps.executeBatch());
                }
                try (Statement s = c.createStatement()) {
                    s.addBatch("update h_customer set email = 'x' where id <= 2");
                    s.addBatch("delete from h_customer where id = 3");
                    out.row("statement counts", s.executeBatch());
                }
            });
            return out;
        });
    }

    private static Outcome jdbcBatchFailure(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tables().run("insert into h_customer(id, name, version) values (2, 'taken', 0)");
        Outcome out = Outcome.columns("what", "value");
        EntityManager em = h.emf.createEntityManager();
        try {
            em.getTransaction().begin();
            em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement("insert into h_customer(id, name, version) values (?, ?, 0)")) {
                    for (int i = 1; i <= 3; i++) {
                        ps.setLong(1, i);
                        ps.setString(2, "row-" + i);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    out.row("executeBatch", "did not throw");
                } catch (BatchUpdateException e) {
                    out.row("exception", e);
                    out.row("cause", e.getCause() == null ? null : Norm.thrown(e.getCause()));
                    out.row("next exception", e.getNextException() == null ? null : Norm.thrown(e.getNextException()));
                    out.row("update counts", e.getUpdateCounts());
                }
            });
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
        out.row("rows after rollback", h.tx(x -> x.createQuery("select count(c) from Customer c", Long.class)
                .getSingleResult()));
        return out;
    }

    // ------------------------------------------------------------------ queries

    private static void shop(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tx(em -> {
            long orderId = 1;
            for (int c = 1; c <= 5; c++) {
                Customer customer = new Customer(c, "c" + c, "c" + c + "@example.org");
                em.persist(customer);
                for (int o = 0; o < c + 2; o++) {
                    PurchaseOrder order = new PurchaseOrder(orderId, customer, LocalDate.of(2024, 1, 1).plusDays(orderId * 11),
                            new BigDecimal(orderId * 37 % 1000 + ".25"), PurchaseOrder.Status.values()[(int) (orderId % 3)]);
                    orderId++;
                    em.persist(order);
                }
            }
            return null;
        });
    }

    private static Outcome joinFetch(Hib h) throws Exception {
        shop(h);
        return h.tx(em -> {
            Outcome out = Outcome.columns("customer", "order", "placed", "total", "status");
            for (Customer c : em.createQuery("select distinct c from Customer c join fetch c.orders order by c.id",
                    Customer.class).getResultList()) {
                for (PurchaseOrder o : c.orders) {
                    out.row(c.name, o.id, o.placed, o.total, o.status);
                }
            }
            return out;
        });
    }

    private static Outcome criteriaGroupBy(Hib h) throws Exception {
        shop(h);
        return h.tx(em -> {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            CriteriaQuery<Object[]> q = cb.createQuery(Object[].class);
            Root<Customer> c = q.from(Customer.class);
            Join<Customer, PurchaseOrder> o = c.join("orders", JoinType.LEFT);
            q.multiselect(c.get("name"), cb.count(o), cb.sum(o.<BigDecimal>get("total")), cb.greatest(o.<LocalDate>get("placed")))
                    .where(cb.greaterThan(o.get("total"), new BigDecimal("100")))
                    .groupBy(c.get("name")).orderBy(cb.asc(c.get("name")));
            Outcome out = Outcome.columns("customer", "orders", "sum", "latest");
            for (Object[] r : em.createQuery(q).getResultList()) {
                out.row(r);
            }
            return out;
        });
    }

    private static Outcome paging(Hib h) throws Exception {
        shop(h);
        return h.tx(em -> {
            Outcome out = Outcome.columns("page", "order", "customer");
            for (int page = 0; page < 5; page++) {
                for (Object[] r : em.createQuery("select o.id, o.customer.name from PurchaseOrder o order by o.total desc, o.id",
                        Object[].class).setFirstResult(page * 7).setMaxResults(7).getResultList()) {
                    out.row(page, r[0], r[1]);
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ locking and constraints

    private static Outcome optimistic(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tx(em -> {
            em.persist(new Customer(1, "opt", null));
            return null;
        });
        Outcome out = Outcome.columns("what", "value");
        EntityManager first = h.emf.createEntityManager();
        try {
            first.getTransaction().begin();
            Customer stale = first.find(Customer.class, 1L);
            h.tx(em -> {
                em.find(Customer.class, 1L).email = "second@example.org";
                return null;
            });
            stale.email = "first@example.org";
            try {
                first.getTransaction().commit();
                out.row("stale commit", "succeeded");
            } catch (RuntimeException e) {
                out.row("stale commit", e);
            }
        } finally {
            if (first.getTransaction().isActive()) {
                first.getTransaction().rollback();
            }
            first.close();
        }
        h.tx(em -> {
            Customer c = em.find(Customer.class, 1L);
            out.row("stored", c.email + " v" + c.version);
            return null;
        });
        return out;
    }

    private static Outcome pessimistic(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tx(em -> {
            em.persist(new Customer(1, "locked", null));
            em.persist(new Customer(2, "shared", null));
            return null;
        });
        Outcome out = Outcome.columns("what", "value");
        h.tx(holder -> {
            Customer c = holder.find(Customer.class, 1L, LockModeType.PESSIMISTIC_WRITE);
            out.row("write lock held on", c.name);
            holder.find(Customer.class, 2L, LockModeType.PESSIMISTIC_READ);
            // Another transaction, lock timeout 0 (NOWAIT): must fail at once on the held row.
            try {
                h.tx(other -> other.find(Customer.class, 1L, LockModeType.PESSIMISTIC_WRITE,
                        Map.of("jakarta.persistence.lock.timeout", 0)));
                out.row("second write lock", "granted");
            } catch (RuntimeException e) {
                out.row("second write lock", e);
            }
            Customer shared = h.tx(other -> other.find(Customer.class, 2L, LockModeType.PESSIMISTIC_READ,
                    Map.of("jakarta.persistence.lock.timeout", 0)));
            out.row("second read lock on a read-locked row", shared.name);
            return null;
        });
        return out;
    }

    @FunctionalInterface
    private interface Violation {
        void attempt(EntityManager em) throws Exception;
    }

    private static Outcome violation(Hib h, Violation attempt) throws Exception {
        h.tables().clear("h_order", "h_customer");
        h.tx(em -> {
            em.persist(new Customer(1, "c1", null));
            return null;
        });
        Outcome out = Outcome.columns("what", "value");
        EntityManager em = h.emf.createEntityManager();
        try {
            em.getTransaction().begin();
            attempt.attempt(em);
            em.flush();
            out.row("violation", "not detected");
        } catch (RuntimeException e) {
            out.row("exception", e);
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof org.hibernate.exception.ConstraintViolationException cve) {
                    out.row("constraint", cve.getConstraintName());
                    out.row("kind", cve.getKind());
                    break;
                }
            }
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
        out.row("rows after rollback", h.tx(x -> x.createQuery("select count(c) from Customer c", Long.class)
                .getSingleResult() + x.createQuery("select count(o) from PurchaseOrder o", Long.class).getSingleResult()));
        return out;
    }

    // ------------------------------------------------------------------ LOBs

    /** About 2.6 MB of UTF-8 text with 1-, 2-, 3- and 4-byte characters. */
    static String bigText() {
        return "Grüße, 日本語, 𝄞 and plain ASCII; ".repeat(80_000);
    }

    /** 3 MB of seeded random bytes: the same on both sides. */
    static byte[] bigBytes() {
        byte[] b = new byte[3 * 1024 * 1024];
        new Random(17).nextBytes(b);
        return b;
    }

    private static Outcome annotatedLobs(Hib h) throws Exception {
        h.tables().clear("h_document");
        h.tx(em -> {
            Document d = new Document(1);
            d.textLob = bigText();
            d.bytesLob = bigBytes();
            em.persist(d);
            return null;
        });
        return h.tx(em -> {
            Document d = em.find(Document.class, 1L);
            return Outcome.columns("text", "data").row(d.textLob, d.bytesLob);
        });
    }

    private static Outcome clobAndBlob(Hib h) throws Exception {
        h.tables().clear("h_document");
        h.tx(em -> {
            Session s = em.unwrap(Session.class);
            Document d = new Document(1);
            d.clobValue = s.getLobHelper().createClob(bigText());
            d.blobValue = s.getLobHelper().createBlob(bigBytes());
            em.persist(d);
            return null;
        });
        return h.tx(em -> {
            Document d = em.find(Document.class, 1L);
            return Outcome.columns("clob", "blob", "clob length", "blob length", "blob bytes 10..14")
                    .row(d.clobValue, d.blobValue, d.clobValue.length(), d.blobValue.length(), d.blobValue.getBytes(10, 5));
        });
    }

    private static Outcome emptyAndNullLobs(Hib h) throws Exception {
        h.tables().clear("h_document");
        h.tx(em -> {
            Document empty = new Document(1);
            empty.textLob = "";
            empty.bytesLob = new byte[0];
            em.persist(empty);
            em.persist(new Document(2));
            return null;
        });
        return h.tx(em -> {
            Outcome out = Outcome.columns("id", "text", "data", "clob", "blob");
            for (Document d : em.createQuery("from Document order by id", Document.class).getResultList()) {
                out.row(d.id, d.textLob, d.bytesLob, d.clobValue, d.blobValue);
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ dates and times

    private static List<Date> utilDates() {
        return TimeValues.LOCAL_DATE_TIMES.stream()
                .map(t -> Date.from(t.atZone(ZoneId.systemDefault()).toInstant())).toList();
    }

    private static List<GregorianCalendar> calendars() {
        return TimeValues.ZONED_DATE_TIMES.stream().map(GregorianCalendar::from).toList();
    }

    /**
     * Persists one row per value with only {@code field} set, then reads the rows back in a
     * new transaction, what the database stored (as its own text, read in UTC), and how many
     * rows a query with the first value as a parameter finds at or below it.
     */
    static <T> Outcome timeStep(Hib h, String field, List<T> values, BiConsumer<Moment, T> setter) throws Exception {
        h.tables().clear("h_moment");
        h.tx(em -> {
            for (int i = 0; i < values.size(); i++) {
                Moment m = new Moment(i + 1);
                setter.accept(m, values.get(i));
                em.persist(m);
            }
            return null;
        });
        Outcome out = Outcome.columns("row", "what", "value");
        h.tx(em -> {
            for (Object[] r : em.createQuery("select m.id, m." + field + " from Moment m order by m.id", Object[].class)
                    .getResultList()) {
                out.row(r[0], "read", r[1]);
            }
            out.row(0L, "rows <= row 1's value", em.createQuery("select count(m) from Moment m where m." + field + " <= :p",
                    Long.class).setParameter("p", values.get(0)).getSingleResult());
            return null;
        });
        return h.tables().stored(out, "h_moment", column(field), id -> id);
    }

    /** The column of a field: Hibernate's CamelCaseToUnderscoresNamingStrategy. */
    static String column(String field) {
        return field.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Issue 17's "401 rows through a parameter, 395 through a literal": rows every 7 hours,
     * counted from one instant given as a parameter and as a SQL literal.
     */
    private static Outcome parameterVersusLiteral(Hib h) throws Exception {
        h.tables().clear("h_moment");
        h.tx(em -> {
            LocalDateTime t = LocalDateTime.of(2024, 2, 20, 0, 0);
            for (int i = 1; i <= 500; i++, t = t.plusHours(7)) {
                Moment m = new Moment(i);
                m.localDateTime = t;
                m.localDate = t.toLocalDate();
                em.persist(m);
            }
            return null;
        });
        return h.tx(em -> {
            LocalDateTime from = LocalDateTime.of(2024, 3, 1, 0, 0);
            return Outcome.columns("how", "rows").row("parameter", em.createQuery(
                            "select count(m) from Moment m where m.localDateTime >= :p", Long.class)
                            .setParameter("p", from).getSingleResult())
                    .row("literal", em.createNativeQuery(
                            "select count(*) from h_moment where local_date_time >= timestamp '2024-03-01 00:00:00'")
                            .getSingleResult())
                    .row("date parameter", em.createQuery("select count(m) from Moment m where m.localDate = :d", Long.class)
                            .setParameter("d", LocalDate.of(2024, 2, 29)).getSingleResult())
                    .row("date literal", em.createNativeQuery(
                            "select count(*) from h_moment where local_date = date '2024-02-29'").getSingleResult());
        });
    }

    private static Outcome temporalLiterals(Hib h) throws Exception {
        return h.tx(em -> {
            Object[] r = (Object[]) em.createNativeQuery("select timestamp '2024-02-29 08:00:00', time '08:00:00',"
                    + " date '2024-02-29', timestamp '1850-06-15 12:00:00', date '1899-12-31', timestamp '2024-03-10 02:30:00'")
                    .getSingleResult();
            Outcome out = Outcome.columns("literal", "value");
            String[] names = {"timestamp 2024-02-29 08:00", "time 08:00", "date 2024-02-29", "timestamp 1850-06-15 12:00",
                "date 1899-12-31", "timestamp 2024-03-10 02:30"};
            for (int i = 0; i < r.length; i++) {
                out.row(names[i], r[i]);
            }
            Object[] typed = (Object[]) em.createNativeQuery("select cast(:ldt as " + timestampType(h.backend)
                    + "), cast(:d as date)").setParameter("ldt", LocalDateTime.of(2024, 2, 29, 8, 0))
                    .setParameter("d", LocalDate.of(2024, 2, 29)).getSingleResult();
            out.row("cast(LocalDateTime parameter)", typed[0]);
            out.row("cast(LocalDate parameter)", typed[1]);
            return out;
        });
    }

    private static String timestampType(Backend b) {
        return b == Backend.POSTGRES ? "timestamp" : "datetime(6)";
    }

    /** What the database thinks "local" means: the session zone a date/time cast uses. */
    private static Outcome sessionTimeZone(Hib h) throws Exception {
        return h.tx(em -> {
            Object[] r = (Object[]) em.createNativeQuery(h.backend == Backend.POSTGRES
                    ? "select current_setting('TimeZone'), cast(cast(timestamp with time zone '2024-02-29 08:00:00+00'"
                    + " as timestamp) as text), cast(cast(timestamp with time zone '2024-02-29 20:00:00+00' as date) as text)"
                    : "select @@session.time_zone, cast(from_unixtime(1709193600) as char), cast(date(from_unixtime(1709236800)) as char)")
                    .getSingleResult();
            return Outcome.columns("session zone", "08:00 UTC as local", "20:00 UTC as local date").row(r);
        });
    }

    private static Outcome postgresTypes(Hib h) throws Exception {
        return h.tx(em -> {
            Object[] r = (Object[]) em.createNativeQuery("select interval '1 day 02:03:04.5', cast('192.168.0.1' as inet),"
                    + " cast('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' as uuid), cast('{1,2,3}' as int[])").getSingleResult();
            return Outcome.columns("interval", "inet", "uuid", "int[]").row(r);
        });
    }

    // ------------------------------------------------------------------ arrays

    private static Outcome arrays(Hib h) throws Exception {
        h.tables().clear("h_tagged");
        h.tx(em -> {
            em.persist(new Tagged(1, new int[] {1, 2, 3}, new String[] {"a", "b,c", "\"quoted\"", "Grüße", null},
                    List.of(10L, 20L)));
            em.persist(new Tagged(2, new int[0], new String[0], List.of()));
            em.persist(new Tagged(3, null, null, null));
            return null;
        });
        Outcome out = Outcome.columns("row", "what", "value");
        h.tx(em -> {
            for (Tagged t : em.createQuery("from Tagged order by id", Tagged.class).getResultList()) {
                out.row(t.id, "numbers", t.numbers);
                out.row(t.id, "labels", t.labels);
                out.row(t.id, "ids", t.ids);
            }
            return null;
        });
        h.tables().stored(out, "h_tagged", "numbers", id -> id);
        return h.tables().stored(out, "h_tagged", "labels", id -> id);
    }

    // ------------------------------------------------------------------ scrolling and streaming

    static void bulk(Hib h) throws Exception {
        h.tables().clear("h_bulk");
        h.tables().run("insert into h_bulk(id, n, label) select g, mod(g * 7, 1000), concat('row-', g) from ("
                + h.backend.series(BULK_ROWS) + ") s");
    }

    /** Navigates a scrollable result of 10,000 entities: next, absolute, relative, previous, last, first. */
    private static Outcome scroll(Hib h, ScrollMode mode) throws Exception {
        bulk(h);
        return h.tx(em -> {
            Outcome out = Outcome.columns("move", "on a row", "row number", "id");
            var query = em.unwrap(Session.class).createSelectionQuery("from Bulk order by id", Bulk.class).setFetchSize(500);
            try (ScrollableResults<Bulk> r = mode == null ? query.scroll() : query.scroll(mode)) {
                out.row("next", r.next(), r.getRowNumber(), id(r));
                out.row("absolute(5000)", r.scroll(0) && r.setRowNumber(5000), r.getRowNumber(), id(r));
                out.row("scroll(10)", r.scroll(10), r.getRowNumber(), id(r));
                out.row("previous", r.previous(), r.getRowNumber(), id(r));
                out.row("last", r.last(), r.getRowNumber(), id(r));
                out.row("next past the end", r.next(), null, null);
                out.row("first", r.first(), r.getRowNumber(), id(r));
                out.row("position(9999)", r.position(9999), r.getRowNumber(), id(r));
            }
            return out;
        });
    }

    private static Long id(ScrollableResults<Bulk> r) {
        Bulk b = r.get();
        return b == null ? null : b.id;
    }

    private static Outcome scrollForwardOnly(Hib h) throws Exception {
        bulk(h);
        return h.tx(em -> {
            Summary sum = new Summary();
            Session s = em.unwrap(Session.class);
            try (ScrollableResults<Bulk> r = s.createSelectionQuery("from Bulk order by id", Bulk.class).setFetchSize(500)
                    .scroll(ScrollMode.FORWARD_ONLY)) {
                while (r.next()) {
                    sum.add(r.get());
                    if (sum.count % 1000 == 0) {
                        s.clear();
                    }
                }
            }
            return sum.outcome();
        });
    }

    private static Outcome stream(Hib h) throws Exception {
        bulk(h);
        Outcome fromEntityManager = h.tx(em -> {
            Summary sum = new Summary();
            try (Stream<Bulk> rows = em.createQuery("from Bulk order by id", Bulk.class)
                    .setHint("org.hibernate.fetchSize", 500).getResultStream()) {
                rows.forEach(sum::add);
            }
            return sum.outcome();
        });
        try (StatelessSession s = h.emf.unwrap(org.hibernate.SessionFactory.class).openStatelessSession()) {
            Summary sum = new Summary();
            s.getTransaction().begin();
            try (Stream<Bulk> rows = s.createSelectionQuery("from Bulk order by id", Bulk.class).setFetchSize(500).stream()) {
                rows.forEach(sum::add);
            }
            s.getTransaction().commit();
            return fromEntityManager.row(sum.count, sum.total, sum.digest());
        }
    }

    /** Count, sum and a digest of every row in order: 10,000 rows compared as three values. */
    static final class Summary {
        final MessageDigest md;
        long count;
        long total;

        Summary() throws Exception {
            md = MessageDigest.getInstance("SHA-256");
        }

        void add(Bulk b) {
            count++;
            total += b.n;
            md.update((b.id + ":" + b.n + ":" + b.label + "\n").getBytes(StandardCharsets.UTF_8));
        }

        String digest() {
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        }

        Outcome outcome() {
            return Outcome.columns("rows", "sum of n", "digest").row(count, total, digest());
        }
    }

    // ------------------------------------------------------------------ savepoints

    private static Outcome savepoints(Hib h) throws Exception {
        h.tables().clear("h_order", "h_customer");
        Outcome out = Outcome.columns("what", "value");
        h.tx(em -> {
            em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement("insert into h_customer(id, name, version) values (?, ?, 0)")) {
                    insert(ps, 1, "kept");
                    Savepoint named = c.setSavepoint("before_two");
                    out.row("named savepoint", named.getSavepointName());
                    insert(ps, 2, "rolled back");
                    Savepoint unnamed = c.setSavepoint();
                    out.row("unnamed savepoint id", unnamed.getSavepointId());
                    insert(ps, 3, "rolled back too");
                    c.rollback(unnamed);
                    c.rollback(named);
                    insert(ps, 4, "after rollback");
                    Savepoint released = c.setSavepoint("released");
                    insert(ps, 5, "kept after release");
                    c.releaseSavepoint(released);
                }
                try {
                    c.rollback(c.setSavepoint("gone")); // then rolled back to: must still work
                    out.row("rollback to a fresh savepoint", "ok");
                } catch (java.sql.SQLException e) {
                    out.row("rollback to a fresh savepoint", e);
                }
            });
            return null;
        });
        h.tx(em -> {
            for (Object[] r : em.createQuery("select c.id, c.name from Customer c order by c.id", Object[].class)
                    .getResultList()) {
                out.row("row " + r[0], r[1]);
            }
            return null;
        });
        return out;
    }

    private static void insert(PreparedStatement ps, long id, String name) throws java.sql.SQLException {
        ps.setLong(1, id);
        ps.setString(2, name);
        ps.executeUpdate();
    }

}
