import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import pool.client.RemoteDataSource;

/**
 * An application that exits while it holds a connection in a transaction, as an application
 * server stopped with a request cut short does: run in source-file mode with pool.api,
 * pool.protocol and pool.client on its class path (Maven never compiles this directory).
 * {@code HoldAndExit URL USER TABLE}, password in the environment variable
 * POOLD_TEST_PASSWORD. Inserts a row into TABLE with autocommit off, prints {@code HELD}, and
 * exits without closing anything; prints {@code FAILED <sqlstate> <message>} (and exits 3) when
 * it cannot.
 */
public final class HoldAndExit {

    public static void main(String[] args) {
        try {
            RemoteDataSource ds = RemoteDataSource.builder(args[0]).user(args[1])
                    .password(System.getenv("POOLD_TEST_PASSWORD")).build();
            Connection c = ds.getConnection();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into " + args[2] + " values (1)");
            }
            System.out.println("HELD");
        } catch (SQLException e) {
            System.out.println("FAILED " + e.getSQLState() + " " + e.getMessage());
            System.exit(3);
        }
        System.exit(0);
    }
}
