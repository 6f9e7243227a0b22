package pool.daemon.ctl;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import pool.jmx.DaemonBean;
import pool.jmx.DaemonMXBean;
import pool.jmx.LeakSuspectRow;
import pool.jmx.PoolBeans;
import pool.jmx.PoolMXBean;

/**
 * {@code poolctl}: the daemon's JMX beans from the command line, like Cassandra's nodetool.
 * Human tables by default, {@code --json} for scripts.
 *
 * <p>Exit codes: 0 done, 1 the daemon refused (unknown pool, invalid size, a command the
 * user's JMX role does not allow), 64 usage, 69 the daemon cannot be reached, 77 wrong
 * credentials.
 */
public final class Poolctl {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 64;
    static final int UNAVAILABLE = 69;
    static final int NO_PERMISSION = 77;

    static final String HELP = """
            usage: poolctl [--jmx HOST:PORT] [--user USER --password-file FILE] [--tls [TLS STORES]] [--json] COMMAND
            role monitor:
              status                     every pool: state, connections, waiters, borrows, timeouts, wait p99;
                                         every replica: state, lag, reads served, connections
              leaks POOL                 connections held longer than the leak threshold, with borrow stacks
              tenants POOL               each tenant of a pool with tenancy: limits, active, waiting, borrows,
                                         timeouts, rejections, wait p50/p95/p99
            role operate (also the above):
              resize POOL MIN MAX        set minIdle and maxSize together
              reclaim-leaks POOL         take leaked connections back
              evict POOL                 retire every connection (idle now, borrowed when returned)
              suspend POOL | resume POOL borrows wait until resume
              reload                     re-read the daemon's configuration file, as SIGHUP does
            --jmx defaults to 127.0.0.1:9010. The user is one of the daemon's <jmx> users (a pool's
            client user has no JMX access), the password the first line of FILE (POOLCTL_PASSWORD is
            read when no file is given). Every change is logged by the daemon with the user's name.
            --tls connects over TLS, for a daemon with <tls>; its certificate must name HOST. TLS STORES:
              --trust-store FILE [--trust-store-password-file FILE]   CAs to trust (default: the
                                         javax.net.ssl.trustStore property, else the runtime's CAs)
              --key-store FILE [--key-store-password-file FILE]       a client certificate, when the
                                         daemon requires one (default: javax.net.ssl.keyStore)
            """;

    private Poolctl() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv("POOLCTL_PASSWORD")));
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, String passwordFromEnv) {
        String jmx = "127.0.0.1:9010";
        String user = null;
        Path passwordFile = null;
        boolean json = false;
        boolean tls = false;
        Map<String, Path> stores = new java.util.HashMap<>();
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--jmx", "--user", "--password-file" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, a + " needs a value");
                    }
                    String v = args[++i];
                    if (a.equals("--jmx")) {
                        jmx = v;
                    } else if (a.equals("--user")) {
                        user = v;
                    } else {
                        passwordFile = Path.of(v);
                    }
                }
                case "--json" -> json = true;
                case "--tls" -> tls = true;
                case "-h", "--help", "help" -> {
                    out.print(HELP);
                    return OK;
                }
                default -> {
                    if (TlsClient.OPTIONS.contains(a)) {
                        if (i + 1 >= args.length) {
                            return usage(err, a + " needs a file");
                        }
                        stores.put(a, Path.of(args[++i]));
                        tls = true;
                        continue;
                    }
                    if (a.startsWith("--")) {
                        return usage(err, "unknown option " + a);
                    }
                    command.add(a);
                }
            }
        }
        if (command.isEmpty()) {
            return usage(err, "no command");
        }
        String problem = checkArity(command);
        if (problem != null) {
            return usage(err, problem);
        }
        String password;
        try {
            password = passwordFile != null ? firstLine(passwordFile) : passwordFromEnv;
        } catch (IOException e) {
            err.println("poolctl: cannot read the password file " + passwordFile + ": " + e.getMessage());
            return USAGE;
        }
        if (user == null) {
            return usage(err, "--user is needed: the daemon lets in the users of its <jmx>");
        }
        if (password == null) {
            return usage(err, "--password-file is needed (or POOLCTL_PASSWORD)");
        }
        JMXServiceURL url;
        try {
            url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + jmx + "/jmxrmi");
        } catch (java.net.MalformedURLException e) {
            return usage(err, "--jmx must be HOST:PORT, not " + jmx);
        }
        Map<String, Object> env = new java.util.HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        if (tls) {
            try {
                env.putAll(TlsClient.environment(stores));
            } catch (IOException e) {
                err.println("poolctl: " + e.getMessage());
                return USAGE;
            }
        }
        JMXConnector connection;
        try {
            connection = JMXConnectorFactory.connect(url, env);
        } catch (SecurityException e) {
            err.println("poolctl: the daemon at " + jmx + " refused the login: " + e.getMessage());
            return NO_PERMISSION;
        } catch (IOException e) {
            return unreachable(err, jmx, tls, e);
        }
        try (JMXConnector c = connection) {
            return new Commands(c.getMBeanServerConnection(), out, err, json).run(command);
        } catch (SecurityException e) {
            // Logged in, but this command is not the user's to run (role monitor), or a reload
            // has removed the user since: the daemon's words say which.
            err.println("poolctl: the daemon refused: " + e.getMessage());
            return REFUSED;
        } catch (IOException e) {
            return unreachable(err, jmx, tls, e);
        }
    }

    private static int unreachable(PrintStream err, String jmx, boolean tls, IOException e) {
        err.println("poolctl: cannot reach poold's JMX connector at " + jmx + ": " + rootMessage(e) + (tls
                ? " (with --tls the daemon's certificate must be trusted and name the host given to --jmx)"
                : " (is the daemon running, and is that its listenAddress:jmxPort? with <tls> it needs --tls)"));
        return UNAVAILABLE;
    }

    private static String checkArity(List<String> command) {
        int args = switch (command.get(0)) {
            case "status", "reload" -> 0;
            case "leaks", "reclaim-leaks", "evict", "suspend", "resume", "tenants" -> 1;
            case "resize" -> 3;
            default -> -1;
        };
        if (args < 0) {
            return "unknown command " + command.get(0);
        }
        if (command.size() - 1 != args) {
            return command.get(0) + " takes " + (args == 0 ? "no arguments" : args == 1 ? "POOL" : "POOL MIN MAX");
        }
        return null;
    }

    static String firstLine(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl).replace("\r", "");
    }

    private static int usage(PrintStream err, String problem) {
        err.println("poolctl: " + problem);
        err.print(HELP);
        return USAGE;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The columns of {@code status} after the pool's name: JSON key to MXBean attribute, in table order. */
    private static final Map<String, String> STATUS_ATTRIBUTES = statusAttributes();

    private static Map<String, String> statusAttributes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("state", "State");
        m.put("active", "ActiveConnections");
        m.put("idle", "IdleConnections");
        m.put("total", "TotalConnections");
        m.put("maxSize", "MaxSize");
        m.put("pending", "PendingBorrowers");
        m.put("borrows", "BorrowCount");
        m.put("timeouts", "TimeoutCount");
        m.put("waitP99Micros", "WaitP99Micros");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The commands, over one JMX connection. */
    private record Commands(MBeanServerConnection jmx, PrintStream out, PrintStream err, boolean json) {

        int run(List<String> command) throws IOException {
            String name = command.get(0);
            if (name.equals("status")) {
                return status();
            }
            if (name.equals("reload")) {
                String said = JMX.newMXBeanProxy(jmx, DaemonBean.NAME, DaemonMXBean.class).reload();
                print(Map.of("result", said), said);
                return said.startsWith("reloaded") ? OK : REFUSED;
            }
            String pool = command.get(1);
            ObjectName on = PoolBeans.nameOf(pool);
            if (!jmx.isRegistered(on)) {
                err.println("poolctl: no pool '" + pool + "' in this daemon (poolctl status lists them)");
                return REFUSED;
            }
            if (name.equals("tenants")) {
                return Tenants.print(jmx, pool, out, json);
            }
            PoolMXBean p = JMX.newMXBeanProxy(jmx, on, PoolMXBean.class);
            try {
                switch (name) {
                    case "resize" -> {
                        p.resize(integer(command.get(2), "MIN"), integer(command.get(3), "MAX"));
                        print(Map.of("pool", pool, "minIdle", p.getMinIdle(), "maxSize", p.getMaxSize()),
                                pool + ": minIdle " + p.getMinIdle() + ", maxSize " + p.getMaxSize());
                    }
                    case "leaks" -> leaks(pool, p.leakSuspects());
                    case "reclaim-leaks" -> {
                        int n = p.reclaimLeaks();
                        print(Map.of("pool", pool, "reclaimed", n), pool + ": " + n + " connection(s) reclaimed");
                    }
                    case "evict" -> done(pool, "evicted", p::softEvict);
                    case "suspend" -> done(pool, "suspended", p::suspend);
                    case "resume" -> done(pool, "resumed", p::resume);
                    default -> throw new IllegalStateException(name);
                }
            } catch (NumberFormatException e) {
                err.println("poolctl: " + e.getMessage());
                return USAGE;
            } catch (SecurityException e) {
                throw e; // refused for the user's role: reported like any command's, by run()
            } catch (RuntimeException e) {
                // The pool's own refusal (an invalid size), through JMX: say it as the pool said it.
                err.println("poolctl: " + rootMessage(e));
                return REFUSED;
            }
            return OK;
        }

        private static int integer(String s, String what) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new NumberFormatException(what + " must be a whole number, not '" + s + "'");
            }
        }

        private void done(String pool, String what, Runnable action) {
            action.run();
            print(Map.of("pool", pool, "done", what), pool + ": " + what);
        }

        private int status() throws IOException {
            DaemonMXBean daemon = JMX.newMXBeanProxy(jmx, DaemonBean.NAME, DaemonMXBean.class);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String pool : daemon.getPools()) {
                ObjectName on = PoolBeans.nameOf(pool);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("pool", pool);
                // One round trip per pool for the whole row, not one per attribute.
                List<javax.management.Attribute> read;
                try {
                    read = jmx.getAttributes(on, STATUS_ATTRIBUTES.values().toArray(new String[0])).asList();
                } catch (javax.management.InstanceNotFoundException | javax.management.ReflectionException e) {
                    continue; // removed by a reload meanwhile
                }
                Map<String, Object> byName = new java.util.HashMap<>();
                read.forEach(a -> byName.put(a.getName(), a.getValue()));
                STATUS_ATTRIBUTES.forEach((key, attribute) -> row.put(key, byName.get(attribute)));
                rows.add(row);
            }
            List<Map<String, Object>> replicas = ReplicaRows.read(jmx);
            if (json) {
                out.println(Json.of(Map.of("configFile", daemon.getConfigFile(), "startedAt", daemon.getStartedAt(),
                        "pools", rows, "replicas", replicas)));
            } else {
                out.println("poold " + daemon.getConfigFile() + ", up since " + daemon.getStartedAt());
                out.print(Table.of(List.of("POOL", "STATE", "ACTIVE", "IDLE", "TOTAL", "MAX", "PENDING", "BORROWS",
                        "TIMEOUTS", "WAIT P99 µs"), rows));
                if (!replicas.isEmpty()) {
                    out.println();
                    out.print(Table.of(ReplicaRows.HEADERS, replicas));
                }
            }
            return OK;
        }

        private void leaks(String pool, List<LeakSuspectRow> suspects) {
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (LeakSuspectRow s : suspects) {
                    rows.add(Map.of("connection", s.connection(), "thread", s.thread(), "heldMillis", s.heldMillis(),
                            "borrowStack", s.borrowStack()));
                }
                out.println(Json.of(Map.of("pool", pool, "leaks", rows)));
                return;
            }
            if (suspects.isEmpty()) {
                out.println(pool + ": no connection held longer than the leak threshold");
                return;
            }
            for (LeakSuspectRow s : suspects) {
                out.println("connection " + s.connection() + ", thread " + s.thread() + ", held " + s.heldMillis()
                        + " ms, borrowed at:");
                out.print(s.borrowStack().endsWith("\n") ? s.borrowStack() : s.borrowStack() + "\n");
            }
        }

        private void print(Map<String, Object> data, String human) {
            out.println(json ? Json.of(data) : human);
        }
    }
}
