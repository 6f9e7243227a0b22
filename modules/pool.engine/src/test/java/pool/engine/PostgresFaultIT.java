package pool.engine;

import org.junit.jupiter.api.BeforeEach;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;

/** {@link FaultTests} against a real PostgreSQL server. */
class PostgresFaultIT extends FaultTests {

    @BeforeEach
    void server(@Postgres DatabaseServer db) {
        this.server = db;
    }
}
