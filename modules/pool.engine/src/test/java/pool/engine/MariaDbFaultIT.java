package pool.engine;

import org.junit.jupiter.api.BeforeEach;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.MariaDb;

/** {@link FaultTests} against a real MariaDB server. */
class MariaDbFaultIT extends FaultTests {

    @BeforeEach
    void server(@MariaDb DatabaseServer db) {
        this.server = db;
    }
}
