/** Test support: real PostgreSQL and MariaDB servers for tests, and a stub JDBC driver. */
module pool.testsupport {
    requires transitive java.sql;
    requires transitive org.junit.jupiter.api;

}
