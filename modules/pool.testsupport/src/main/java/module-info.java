/**
 * Test support: real PostgreSQL and MariaDB servers for tests, handed out by a JUnit
 * extension ({@link pool.testsupport.db.DatabaseExtension}) or {@link pool.testsupport.db.TestDatabases}.
 */
module pool.testsupport {
    requires transitive java.sql;
    requires transitive org.junit.jupiter.api;

    exports pool.testsupport.db;
}
