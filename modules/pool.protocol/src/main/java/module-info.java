/**
 * The wire protocol between the poold daemon and {@code pool.client}: the RMI interface
 * of a published pool, the request and reply records, their binary encoding
 * ({@code Wire}, with the value types both sides share in {@code ValueTypes}), and the
 * serialization allow-list the daemon installs on every endpoint.
 */
module pool.protocol {
    requires transitive java.rmi;
    requires transitive java.sql;
    requires transitive pool.api;

    exports pool.protocol;
}
