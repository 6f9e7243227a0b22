/** Test support: throwaway PostgreSQL and MariaDB servers, hostile RMI clients, TLS stores and a Java 17 JDK for tests. */
module pool.testsupport {
    requires transitive java.sql;
    requires transitive org.junit.jupiter.api;

    // real servers for tests: @Postgres/@MariaDb parameters, TestDatabases (internals stay unexported)
    exports pool.testsupport.db;

    // the one waiting loop of the tests: fails with what it awaited, never falls through
    exports pool.testsupport.await;

    // many threads released at once on one action: the lost-update and race tests
    exports pool.testsupport.concurrent;

    // loopback ports no other process can take between a test server's starts
    exports pool.testsupport.net;

    // hostile RMI calls and raw call channels for the security tests of the client and the daemon
    requires java.rmi;
    requires pool.protocol;
    exports pool.testsupport.rmi;

    // key and trust stores made with keytool, and a Java 17 JDK for clients, for the TLS tests
    exports pool.testsupport.tls;
    exports pool.testsupport.jvm;
}
