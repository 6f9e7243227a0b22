import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import pool.client.RemoteDataSource;

/**
 * An application on Java 17, run in source-file mode by a Java 17 JDK with pool.api,
 * pool.protocol and pool.client on its class path (tests of pool.client start it; Maven
 * never compiles this directory). {@code PoolClient17 URL USER}, password in the
 * environment variable POOLD_TEST_PASSWORD, TLS configured with the standard
 * {@code javax.net.ssl.*} properties. Prints {@code JAVA <version>}, then {@code RESULT 42}
 * or {@code FAILED <sqlstate> <message>} (and exits 3).
 */
public final class PoolClient17 {

    public static void main(String[] args) {
        System.out.println("JAVA " + System.getProperty("java.specification.version"));
        try (RemoteDataSource ds = RemoteDataSource.builder(args[0]).user(args[1])
                .password(System.getenv("POOLD_TEST_PASSWORD")).build();
             Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 6 * 7")) {
            rs.next();
            System.out.println("RESULT " + rs.getInt(1));
        } catch (SQLException e) {
            System.out.println("FAILED " + e.getSQLState() + " " + e.getMessage());
            System.exit(3);
        }
        System.exit(0);
    }
}
