package pool.daemon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.sql.DataSource;

/**
 * A client application in its own JVM, started by the end-to-end tests with the test's
 * class path: it looks a pool up through JNDI and then either
 * <ul>
 * <li>{@code hold PORT POOL TABLE}: inserts rows in a transaction it never ends, prints
 *     {@code HOLDING}, and waits to be killed;</li>
 * <li>{@code read PORT POOL TABLE FETCH [autocommit]}: reads every row of TABLE with fetch
 *     size FETCH, in a transaction, or with {@code autocommit} in autocommit mode (the
 *     default a connection comes with), and prints {@code ROWS n SUM s MAXUSED bytes}.</li>
 * <li>{@code select PORT POOL SCHEME}: looks the pool up at {@code SCHEME://127.0.0.1:PORT}
 *     ({@code poolds} for TLS, with the standard {@code javax.net.ssl.*} properties), runs
 *     {@code select 6 * 7} and prints {@code RESULT 42}, or {@code FAILED sqlstate message}
 *     and exits 3.</li>
 * </ul>
 * User {@code app}, password from the environment variable {@code POOLD_TEST_PASSWORD}.
 */
public final class RemoteClientMain {

    private RemoteClientMain() {
    }

    public static void main(String[] args) throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        String scheme = args[0].equals("select") ? args[3] : "poold";
        env.put(Context.PROVIDER_URL, scheme + "://127.0.0.1:" + args[1]);
        env.put(Context.SECURITY_PRINCIPAL, "app");
        env.put(Context.SECURITY_CREDENTIALS, System.getenv("POOLD_TEST_PASSWORD"));
        DataSource ds = (DataSource) new InitialContext(env).lookup(args[2]);
        String table = args[3];
        switch (args[0]) {
            case "select" -> {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select 6 * 7")) {
                    rs.next();
                    System.out.println("RESULT " + rs.getInt(1));
                } catch (java.sql.SQLException e) {
                    System.out.println("FAILED " + e.getSQLState() + " " + e.getMessage());
                    System.exit(3);
                }
            }
            case "hold" -> {
                Connection c = ds.getConnection();
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("insert into " + table + "(id, name) values (9001, 'never-committed-1')");
                    s.executeUpdate("insert into " + table + "(id, name) values (9002, 'never-committed-2')");
                }
                System.out.println("HOLDING");
                System.out.flush();
                Thread.sleep(600_000);
            }
            case "read" -> {
                int fetch = Integer.parseInt(args[4]);
                boolean autoCommit = args.length > 5 && args[5].equals("autocommit");
                long rows = 0;
                long sum = 0;
                long maxUsed = 0;
                Runtime rt = Runtime.getRuntime();
                try (Connection c = ds.getConnection()) {
                    if (!autoCommit) {
                        c.setAutoCommit(false);
                    } else if (!c.getAutoCommit()) {
                        throw new IllegalStateException("a new connection should be in autocommit mode");
                    }
                    try (PreparedStatement ps = c.prepareStatement("select id, label from " + table + " order by id")) {
                        ps.setFetchSize(fetch);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rows++;
                                sum += rs.getLong(1);
                                if (rs.getString(2) == null) {
                                    throw new IllegalStateException("label of row " + rows + " is null");
                                }
                                if (rows % 10_000 == 0) {
                                    maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
                                }
                            }
                        }
                    }
                    if (!autoCommit) {
                        c.commit();
                    }
                }
                System.out.println("ROWS " + rows + " SUM " + sum + " MAXUSED " + maxUsed);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }
}
