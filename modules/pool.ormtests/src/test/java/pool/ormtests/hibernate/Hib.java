package pool.ormtests.hibernate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import pool.ormtests.Backend;
import pool.ormtests.Side;

/** One side for the Hibernate steps: its EntityManagerFactory, its data source, its database. */
final class Hib extends Side {

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T in(EntityManager em) throws Exception;
    }

    final EntityManagerFactory emf;

    Hib(Backend backend, DataSource dataSource, EntityManagerFactory emf) {
        super(backend, dataSource);
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

    @Override
    public void close() {
        emf.close();
        super.close();
    }
}
