package pool.api;

/**
 * What a borrower means to do with a connection. The routing module sends
 * {@link #READ_ONLY} borrows to replicas; a plain pool treats both alike.
 */
public enum Intent {
    /** The borrower may write; always served by the primary. */
    READ_WRITE,
    /** The borrower only reads; may be served by a replica. */
    READ_ONLY
}
