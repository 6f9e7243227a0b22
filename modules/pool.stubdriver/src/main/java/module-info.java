/**
 * A fast stub JDBC driver ({@code jdbc:stub:<name>}) for unit tests and benchmarks.
 * Never part of the runtime image.
 */
module pool.stubdriver {
    requires transitive java.sql;

    exports pool.stubdriver;

    provides java.sql.Driver with pool.stubdriver.StubDriver;
}
