package pool.daemon;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/** {@link RemoteValuesScenarios} on MariaDB, whose driver turns offsets into its JVM's local time. */
class RemoteMariaDbValuesIT extends RemoteValuesScenarios {

    @Override
    DatabaseServer server() {
        return TestDatabases.mariaDb();
    }

    @Override
    String driver() {
        return "mariadb";
    }

    @Override
    String timestampType() {
        return "datetime(6)";
    }

    @Override
    String echoDdl() {
        return "create procedure " + table + "_echo(in a datetime(6), out b datetime(6)) begin set b = a; end";
    }

    @Override
    String echoCall() {
        return "{call " + table + "_echo(?, ?)}";
    }

    @Override
    int echoOut() {
        return 2;
    }

    @Override
    String storedText(Connection c, String column, int id) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select cast(" + column + " as char) from "
                + table + " where id = " + id)) {
            return rs.next() ? rs.getString(1) : "no row " + id;
        }
    }
}
