/**
 * Real PostgreSQL and MariaDB servers for tests.
 *
 * <p>Ask for a server with a parameter; the annotation registers {@link pool.testsupport.db.DatabaseExtension}:
 * <pre>{@code
 * @Test
 * void borrowsFromPostgres(@Postgres DatabaseServer pg) throws SQLException {
 *     PoolConfig cfg = PoolConfig.builder("t").jdbcUrl(pg.jdbcUrl()).user(pg.user()).password(pg.password()).build();
 *     ...
 * }
 *
 * @Test
 * void readsGoToTheReplica(@MariaDb ReplicatedPair pair) {
 *     ... write through pair.primary() ...
 *     pair.awaitReplicaCaughtUp(Duration.ofSeconds(10));
 *     ... read through pair.replica() ...
 * }
 *
 * @Test
 * void survivesACrash(@Postgres DatabaseServer pg) {
 *     pg.kill();      // SIGKILL, like a crash
 *     pg.start();     // crash recovery, same port and credentials
 * }
 * }</pre>
 *
 * <p>Servers are shared by every test of the JVM (started once, on first use, and stopped when
 * the run ends): tests use their own table names, restore a replica delay they set, and may
 * leave a server stopped or killed, since it is restarted before it is handed out again.
 * Outside JUnit, {@link pool.testsupport.db.TestDatabases} hands out the same servers.
 */
package pool.testsupport.db;
