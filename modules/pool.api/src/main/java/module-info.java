/**
 * Public contracts of poold: pool configuration, the pool itself, borrow requests,
 * statistics snapshots, events, exceptions and the connection-factory SPI.
 */
module pool.api {
    requires transitive java.sql;

    exports pool.api;
    exports pool.api.spi;
}
