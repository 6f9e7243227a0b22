package pool.ormtests.hibernate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.Function;
import javax.sql.DataSource;
import pool.ormtests.Backend;
import pool.ormtests.Outcome;

/** One side for the Hibernate steps: its EntityManagerFactory, its data source, its database. */
final class Hib implements AutoCloseable {

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T in(EntityManager em) throws Exception;
    }

    final Backend backend;
    final DataSource dataSource;
    final EntityManagerFactory emf;

    Hib(Backend backend, DataSource dataSource, EntityManagerFactory emf) {
        this.backend = backend;
        this.dataSource = dataSource;
        this.emf = emf;
    }

    /** Runs {@code work} in a new EntityManager and transaction, commits, returns its result. */
    <T> T tx(Work<T> work) throws Exception {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.in(em);
            if (em.getTransaction().getRollbackOnly()) {
                em.getTransaction().rollback();
            } else {
                em.getTransaction().commit();
            }
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** Empties tables through the driver's own connection: set-up, not part of what is compared. */
    void clear(String... tables) throws Exception {
        try (Connection c = backend.server().openConnection(); Statement s = c.createStatement()) {
            for (String t : tables) {
                s.execute("delete from " + t);
            }
        }
    }

    /** Runs set-up SQL through the driver's own connection. */
    void setUp(String... sql) throws Exception {
        try (Connection c = backend.server().openConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /**
     * Appends to {@code out} what the database stored, read by the verifier (the driver's own
     * connection, session in UTC): {@code select id, text-of-column from table order by id}.
     */
    Outcome stored(Outcome out, String table, String column, Function<Long, Object> label) throws Exception {
        try (Connection c = backend.verifier(); PreparedStatement ps = c.prepareStatement(
                "select id, " + backend.asText(column) + " from " + table + " where " + column
                        + " is not null order by id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.row(label.apply(rs.getLong(1)), "stored " + column, rs.getString(2));
            }
        }
        return out;
    }

    @Override
    public void close() {
        emf.close();
        if (dataSource instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a remote data source stops lease renewal; nothing to report
            }
        }
    }
}
