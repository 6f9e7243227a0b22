package pool.daemon;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/** {@link RemoteJdbcScenarios} on a real MariaDB. */
class RemoteMariaDbIT extends RemoteJdbcScenarios {

    @Override
    DatabaseServer server() {
        return TestDatabases.mariaDb();
    }

    @Override
    String driver() {
        return "mariadb";
    }

    @Override
    String uniqueViolationState() {
        return "23000";
    }

    @Override
    int uniqueViolationVendorCode() {
        return 1062; // ER_DUP_ENTRY
    }

    @Override
    void fillBig(Statement s, String table) throws SQLException {
        // seq_1_to_N is MariaDB's Sequence engine, built in since 10.1.
        s.execute("insert into " + table + " select seq, concat('row ', seq, repeat('x', 200)) from seq_1_to_" + BIG_ROWS);
    }

    @Override
    String lobType(boolean characters) {
        return characters ? "longtext" : "longblob";
    }

    @Override
    String streamType(boolean characters) {
        return characters ? "longtext" : "longblob";
    }

    @Override
    boolean lobsStreamFromTheDatabase() {
        return false;
    }

    @Override
    String sleep(int seconds) {
        return "select sleep(" + seconds + ")";
    }

    @Override
    boolean sleeping(Connection admin) throws SQLException {
        return queryInt(admin, "select count(*) from information_schema.processlist"
                + " where user = ? and info like 'select sleep(%' and id <> connection_id()", server().user()) > 0;
    }

    @Override
    int openTransactions(Connection admin) throws SQLException {
        return queryInt(admin, "select count(*) from information_schema.innodb_trx t"
                + " join information_schema.processlist p on p.id = t.trx_mysql_thread_id where p.user = ?", server().user());
    }

    @Override
    String insertReturning(String table, int from, int to) {
        return "insert into " + table + "(id, name) select seq, concat('ret-', seq) from seq_" + from + "_to_" + to
                + " returning id"; // INSERT ... RETURNING: MariaDB 10.5 and later
    }

    @Override
    boolean statementOpenOnServer(Connection admin, String table, String marker) throws SQLException {
        return queryInt(admin, "select count(*) from information_schema.processlist"
                + " where user = ? and info like ? and id <> connection_id()", server().user(), "%" + marker + "%") > 0;
    }
}
