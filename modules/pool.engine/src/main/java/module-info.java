/** The pool engine: an in-process {@link pool.api.ConnectionPool} over a JDBC driver. */
module pool.engine {
    requires transitive pool.api;

}
