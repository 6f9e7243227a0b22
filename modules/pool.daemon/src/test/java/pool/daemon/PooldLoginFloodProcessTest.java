package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.client.RemoteDataSource;
import pool.daemon.RemoteJdbcScenarios.ClientProcess;
import pool.protocol.Protocol;
import pool.remote.PasswordHash;

/**
 * The login flood against the packaged daemon: 32 threads (many more than the cores) send
 * wrong passwords for the real user, with the default 600,000 PBKDF2 iterations, from
 * 127.0.0.2, while the application logs in from 127.0.0.1. What is asserted is behaviour,
 * never time: the real logins succeed; the flood got the free failures, the checks already
 * running when it was held back and one probe per ended wait, every other attempt refused
 * unchecked; the daemon's log has a handful of lines whose numbers add up to every failed
 * attempt.
 */
class PooldLoginFloodProcessTest {

    private static final String FLOOD_ADDRESS = "127.0.0.2";
    private static final Pattern CHECKS = Pattern.compile("password checks: at most (\\d+) at once");
    private static final Pattern LOGIN_LINE = Pattern.compile("poold\\.login: (.*)$");
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) more failed logins from (\\S+) in \\d+ s \\((.*)\\)$");
    private static final Pattern WRONG = Pattern.compile("(\\d+) wrong password");
    private static final Pattern FLOOD = Pattern.compile(
            "FLOOD attempts (\\d+) wrong (\\d+) busy (\\d+) held (\\d+) other (\\d+)");

    @TempDir
    Path work;

    private static int one(RemoteDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private int port;
    private int jmxPort;

    /** Starts the packaged daemon with one H2 pool, "orders", and these users (name to password). */
    private PooldProcess daemon(Map<String, String> users, int iterations) throws Exception {
        port = FreePorts.loopback();
        jmxPort = FreePorts.loopback();
        StringBuilder clients = new StringBuilder();
        users.forEach((name, password) -> clients.append("<user name=\"").append(name).append("\" hash=\"")
                .append(PasswordHash.create(password.toCharArray(), iterations).encoded()).append("\"/>"));
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <rmiRegistryPort>%d</rmiRegistryPort>
                    <jmxPort>%d</jmxPort>
                  </daemon>
                  <clients>%s</clients>
                  <pool name="orders" driver="h2" h2Admin="deliberate"><jdbcUrl>jdbc:h2:mem:orders</jdbcUrl></pool>
                </poold>
                """.formatted(port, jmxPort, clients));
        PooldProcess daemon = PooldProcess.start(work, Map.of(), "--config", config.toString());
        if (!daemon.awaitOutput("poold ready", 60)) {
            daemon.close();
            throw new AssertionError("daemon did not start: " + daemon.stdout() + daemon.stderr());
        }
        return daemon;
    }

    private static RemoteDataSource client(int port, String user, String password) {
        return RemoteDataSource.builder("rmi://127.0.0.1:" + port + "/pools/orders").user(user).password(password).build();
    }

    /**
     * JMX logins go through the same guard as pool logins: their failures are logged with the
     * client's address, held back like pool logins (the client is told when to retry), and
     * counted together with the pool logins' failures from the same address.
     */
    @Test
    void jmxAndPoolLoginsShareOneGuardAndJmxFailuresNameTheAddress() throws Exception {
        try (PooldProcess daemon = daemon(Map.of("app", "app-password"), PasswordHash.MIN_ITERATIONS)) {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            Map<String, Object> wrong = Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", "guess"});
            int failures = 0;
            String said = "";
            // Five free failures, then waits of 1 s, 2 s, 4 s ...: some attempt soon lands in one.
            while (!said.startsWith("too many failed logins") && failures < 50) {
                said = assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url, wrong)).getMessage();
                failures++;
                assertTrue(said.equals("wrong user name or password") || said.startsWith(
                        "too many failed logins from this address or as this user: retry in "), said);
            }
            assertTrue(failures >= 6 && said.startsWith("too many failed logins"), failures + ": " + said);
            assertTrue(daemon.awaitOutput("failed JMX login as user ops from 127.0.0.1: wrong user name or password", 10),
                    daemon.stdout());

            try (RemoteDataSource app = client(port, "app", "not-the-password")) {
                SQLException e = assertThrows(SQLException.class, app::getConnection);
                assertTrue(e.getSQLState().equals(Protocol.STATE_LOGIN_HELD_BACK)
                        || e.getSQLState().equals(Protocol.STATE_AUTH), e.getSQLState() + " " + e.getMessage());
                failures++;
            }
            daemon.signal("TERM");
            assertEquals(Main.EXIT_OK, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
            // One guard, one count for the address, JMX's failures and the pool's together.
            long logged = 0;
            for (String line : daemon.stdout().lines().toList()) {
                Matcher l = LOGIN_LINE.matcher(line);
                if (l.find() && l.group(1).contains("from 127.0.0.1")) {
                    Matcher m = SUMMARY.matcher(l.group(1));
                    logged += m.matches() ? Long.parseLong(m.group(1)) : 1;
                }
            }
            assertEquals(failures, logged, daemon.stdout());
        }
    }

    @Test
    void aWrongPasswordFloodCostsBoundedChecksAFewLogLinesAndTheRealClientStillLogsIn() throws Exception {
        String appPassword = "app-password";
        String reportsPassword = "reports-password";
        try (PooldProcess daemon = daemon(Map.of("app", appPassword, "reports", reportsPassword),
                PasswordHash.DEFAULT_ITERATIONS)) {
            Matcher slots = CHECKS.matcher(daemon.stdout());
            assertTrue(slots.find(), daemon.stdout());
            int checksAtOnce = Integer.parseInt(slots.group(1));

            // The application server has logged in before the flood begins.
            try (RemoteDataSource app = client(port, "app", appPassword)) {
                assertEquals(1, one(app));
            }

            long floodStart = System.nanoTime();
            ClientProcess flood = ClientProcess.start(work, "", List.of(), LoginFloodMain.class, FLOOD_ADDRESS,
                    Integer.toString(port), "orders", "app", "32");
            assertTrue(flood.awaitOutput("HELD BACK", 120), flood.output());

            // While the flood goes on: the application logs in again, three times, and a user
            // who never logged in from here does too.
            for (int i = 0; i < 3; i++) {
                try (RemoteDataSource app = client(port, "app", appPassword)) {
                    assertEquals(1, one(app), "real login " + i + " during the flood");
                }
            }
            try (RemoteDataSource reports = client(port, "reports", reportsPassword)) {
                assertEquals(1, one(reports));
            }
            assertTrue(flood.awaitOutput("FLOODED", 120), flood.output());
            assertFalse(flood.output().contains("ERROR"), flood.output());

            flood.closeInput();
            long floodSeconds = (System.nanoTime() - floodStart) / 1_000_000_000L + 1;
            assertEquals(0, flood.awaitExit(120), flood.output());
            Matcher counts = FLOOD.matcher(flood.output());
            assertTrue(counts.find(), flood.output());
            long attempts = Long.parseLong(counts.group(1));
            long wrong = Long.parseLong(counts.group(2));
            long held = Long.parseLong(counts.group(4));
            assertEquals(0, Long.parseLong(counts.group(5)), "every attempt was answered: " + flood.output());
            assertTrue(held > 0 && attempts >= 100 * 32, flood.output());
            // Five free failures, the checks already running when they were used up, and one probe
            // after each wait (1 s, 2 s, 4 s, ...) that ended while the flood went on.
            long probes = 64 - Long.numberOfLeadingZeros(floodSeconds + 1);
            assertTrue(wrong <= 5 + checksAtOnce + probes, "the flood got " + wrong + " password checks in "
                    + floodSeconds + " s: " + flood.output());

            daemon.signal("TERM"); // writes the summaries still open
            assertEquals(Main.EXIT_OK, daemon.awaitExit(), daemon.stdout() + daemon.stderr());

            long logged = 0;
            long loggedWrong = 0;
            int lines = 0;
            for (String line : daemon.stdout().lines().toList()) {
                Matcher l = LOGIN_LINE.matcher(line);
                if (!l.find() || !l.group(1).contains("from " + FLOOD_ADDRESS)) {
                    continue;
                }
                lines++;
                Matcher s = SUMMARY.matcher(l.group(1));
                if (s.matches()) {
                    logged += Long.parseLong(s.group(1));
                    Matcher w = WRONG.matcher(s.group(3));
                    loggedWrong += w.find() ? Long.parseLong(w.group(1)) : 0;
                } else {
                    logged++;
                    loggedWrong += l.group(1).endsWith("wrong user name or password") ? 1 : 0;
                }
            }
            assertEquals(attempts, logged, "every failed attempt is counted in the log:\n" + daemon.stdout());
            assertEquals(wrong, loggedWrong);
            assertTrue(lines * 100L < attempts, lines + " lines for " + attempts + " failures:\n" + daemon.stdout());
            assertTrue(daemon.stdout().lines().noneMatch(x -> x.contains("poold.login") && x.contains("from 127.0.0.1")),
                    "the real client had no failure");
        }
    }
}
