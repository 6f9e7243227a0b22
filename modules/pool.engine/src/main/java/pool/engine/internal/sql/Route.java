package pool.engine.internal.sql;

/** Where an autocommit statement may run, as its text tells. Ordered from freest to most bound. */
public enum Route {
    /** Only reads: a replica may run it. */
    READ,
    /** Writes, or may write, or the classifier is unsure: the primary. */
    WRITE,
    /**
     * May change the database session (SET, temporary tables, advisory locks, sequences'
     * session values, a transaction it leaves open...): the primary, and the connection stays
     * there for the rest of its borrow, since a replica's session would not have that state.
     */
    SESSION;

    /** @return the more bound of the two */
    public Route worst(Route other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
