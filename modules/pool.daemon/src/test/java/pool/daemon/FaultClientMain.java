package pool.daemon;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import pool.client.RemoteDataSource;

/**
 * A client application in its own JVM for the fault tests, which stop ({@code SIGSTOP}),
 * resume and kill it: {@code lock PORT POOL TABLE ID} opens a transaction on pool POOL, updates
 * row ID of TABLE (so it holds that row's lock), prints {@code HOLDING}, and waits for a line
 * on standard input; then it updates the row again in the same transaction and commits,
 * printing {@code COMMITTED} or {@code FAILED sqlstate message}. User {@code app}, password from
 * {@code POOLD_TEST_PASSWORD}.
 */
public final class FaultClientMain {

    private FaultClientMain() {
    }

    public static void main(String[] args) throws Exception {
        String table = args[3];
        int id = Integer.parseInt(args[4]);
        RemoteDataSource ds = RemoteDataSource.builder("rmi://127.0.0.1:" + args[1] + "/pools/" + args[2]).user("app")
                .password(System.getenv("POOLD_TEST_PASSWORD").toCharArray()).build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update " + table + " set name = 'held' where id = " + id);
            }
            System.out.println("HOLDING");
            System.out.flush();
            in.readLine();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update " + table + " set name = 'resumed' where id = " + id);
                c.commit();
                System.out.println("COMMITTED");
            } catch (SQLException e) {
                System.out.println("FAILED " + e.getSQLState() + " " + e.getMessage());
            }
        } catch (SQLException e) {
            System.out.println("CLOSE FAILED " + e.getSQLState() + " " + e.getMessage());
        }
        System.out.flush();
    }
}
