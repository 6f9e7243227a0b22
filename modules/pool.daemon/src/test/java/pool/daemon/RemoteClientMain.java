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
 * <li>{@code lob PORT POOL TABLE MB}: writes a Blob of MB megabytes into {@code TABLE(id, b oid)} and
 *     reads it back, printing {@code WROTE sha READ sha BYTES n MAXUSED bytes};</li>
 * <li>{@code lobhold PORT POOL TABLE MB}: sends a Blob of MB megabytes ahead of a batch it never
 *     runs, prints {@code HOLDING}, and waits to be killed;</li>
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

    /** {@code length} seeded pseudo-random bytes, made as they are read, and their SHA-256. */
    static final class GeneratedStream extends java.io.InputStream {
        private final java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        private final java.security.MessageDigest digest;
        private long left;

        GeneratedStream(long length) throws java.security.NoSuchAlgorithmException {
            this.left = length;
            this.digest = java.security.MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) random.nextInt(256);
            }
            digest.update(b, off, n);
            left -= n;
            return n;
        }

        byte[] digest() {
            return digest.digest();
        }
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
                Thread.sleep(600_000); // holds until the test kills this JVM; ends by itself should the test not
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
            case "lob" -> {
                // lob PORT POOL TABLE MEGABYTES: writes a Blob of that size from a generated stream into
                // TABLE(id int, b oid) and reads it back, both in a transaction, printing both digests
                long length = Long.parseLong(args[4]) << 20;
                long maxUsed = 0;
                Runtime rt = Runtime.getRuntime();
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    GeneratedStream source = new GeneratedStream(length);
                    try (PreparedStatement ps = c.prepareStatement("insert into " + table + "(id, b) values (1, ?)")) {
                        ps.setBlob(1, source, length);
                        ps.executeUpdate();
                    }
                    c.commit();
                    maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
                    java.security.MessageDigest read = java.security.MessageDigest.getInstance("SHA-256");
                    long readBytes = 0;
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("select b from " + table + " where id = 1")) {
                        rs.next();
                        java.sql.Blob blob = rs.getBlob(1);
                        try (java.io.InputStream in = blob.getBinaryStream()) {
                            byte[] buf = new byte[64 * 1024];
                            int n;
                            while ((n = in.read(buf)) > 0) {
                                read.update(buf, 0, n);
                                readBytes += n;
                                maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
                            }
                        }
                        System.out.println("LENGTH " + blob.length());
                        blob.free();
                    }
                    c.commit();
                    System.out.println("WROTE " + java.util.HexFormat.of().formatHex(source.digest()) + " READ "
                            + java.util.HexFormat.of().formatHex(read.digest()) + " BYTES " + readBytes
                            + " MAXUSED " + maxUsed);
                }
            }
            case "lobhold" -> {
                // lobhold PORT POOL TABLE MEGABYTES: sends a Blob of that size ahead of a batch that never
                // runs, prints HOLDING, and waits to be killed
                long length = Long.parseLong(args[4]) << 20;
                Connection c = ds.getConnection();
                c.setAutoCommit(false);
                PreparedStatement ps = c.prepareStatement("insert into " + table + "(id, b) values (2, ?)");
                ps.setBlob(1, new GeneratedStream(length), length);
                ps.addBatch(); // the content goes to the daemon now, to wait there for executeBatch
                System.out.println("HOLDING");
                System.out.flush();
                Thread.sleep(600_000); // holds until the test kills this JVM; ends by itself should the test not
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }
}
