package pool.ormtests;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import pool.testsupport.db.DatabaseKind;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/**
 * One database of the comparison: its test server, the backend driver's own data source
 * (the direct side), and the SQL that differs between PostgreSQL and MariaDB in the steps.
 */
public enum Backend {
    POSTGRES(DatabaseKind.POSTGRES, "PostgreSQL"),
    MARIADB(DatabaseKind.MARIADB, "MariaDB");

    public final DatabaseKind kind;
    public final String displayName;

    Backend(DatabaseKind kind, String displayName) {
        this.kind = kind;
        this.displayName = displayName;
    }

    public DatabaseServer server() {
        return TestDatabases.server(kind);
    }

    /** The direct side: the driver's own data source, configured as an application would. */
    public DataSource directDataSource() {
        DatabaseServer db = server();
        try {
            if (this == POSTGRES) {
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setServerNames(new String[] {db.host()});
                ds.setPortNumbers(new int[] {db.port()});
                ds.setDatabaseName(DatabaseServer.DATABASE);
                ds.setUser(db.user());
                ds.setPassword(db.password());
                return ds;
            }
            MariaDbDataSource ds = new MariaDbDataSource(db.jdbcUrl());
            ds.setUser(db.user());
            ds.setPassword(db.password());
            return ds;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot configure the " + displayName + " data source", e);
        }
    }

    /**
     * A connection that reads what is stored, independently of both sides: the driver's own,
     * its session in UTC, so that {@link #asText} renders instants the same on every run.
     */
    public Connection verifier() throws SQLException {
        Connection c = server().openConnection();
        try (Statement s = c.createStatement()) {
            s.execute(this == POSTGRES ? "set time zone 'UTC'" : "set time_zone = '+00:00'");
        }
        return c;
    }

    /** SQL that renders {@code column} as the database's own text of the stored value. */
    public String asText(String column) {
        return this == POSTGRES ? "cast(" + column + " as text)" : "cast(" + column + " as char)";
    }

    /** SQL for a table of {@code n} numbered rows (1..n) in column {@code g}. */
    public String series(int n) {
        return this == POSTGRES ? "select g from generate_series(1, " + n + ") g" : "select seq as g from seq_1_to_" + n;
    }
}
