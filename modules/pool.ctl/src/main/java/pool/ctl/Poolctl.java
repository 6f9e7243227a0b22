package pool.ctl;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

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
    /** How long a command waits for the daemon by default, in seconds: a hung daemon must not hang a script. */
    static final int DEFAULT_TIMEOUT_SECONDS = 120;

    static final String HELP = "usage: poolctl [--jmx HOST:PORT] [--user USER --password-file FILE] [--tls [TLS STORES]]"
            + " [--timeout SECONDS] [--json] COMMAND\n       poolctl --help | --version\n" + Commands.help() + """
            --jmx defaults to 127.0.0.1:9010. The user is one of the daemon's <jmx> users (a pool's
            client user has no JMX access), the password the first line of FILE (POOLCTL_PASSWORD is
            read when no file is given). Every change is logged by the daemon with the user's name.
            --tls connects over TLS, for a daemon with <tls>; its certificate must name HOST. TLS STORES:
              --trust-store FILE [--trust-store-password-file FILE]   CAs to trust (default: the
                                         javax.net.ssl.trustStore property, else the runtime's CAs)
              --key-store FILE [--key-store-password-file FILE]       a client certificate, when the
                                         daemon requires one (default: javax.net.ssl.keyStore)
            --timeout is how long the command waits for the daemon in all, connecting included
            (default 120 s; 0 waits as long as the daemon takes).
            Exit codes: 0 done, 1 the daemon refused (its words on stderr), 64 usage, 69 the daemon
            cannot be reached or did not answer within --timeout, 77 wrong user name or password.
            """;

    private Poolctl() {
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale: JSON is UTF-8 (RFC 8259), and under systemd, cron or
        // env -i, where no locale is set, the JVM's default for stdout is ASCII and every
        // character beyond it (the µ of the tables, names, the daemon's words) came out as '?'.
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        int code = run(args, out, err, System.getenv("POOLCTL_PASSWORD"));
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, String passwordFromEnv) {
        String jmx = "127.0.0.1:9010";
        String user = null;
        Path passwordFile = null;
        boolean json = false;
        boolean tls = false;
        int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
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
                    if (v.startsWith("--")) {
                        // "--user --json status" would otherwise log in as "--json" and be told the password is wrong.
                        return usage(err, a + " needs a value, not the option " + v);
                    }
                    if (a.equals("--jmx")) {
                        jmx = v;
                    } else if (a.equals("--user")) {
                        user = v;
                    } else {
                        passwordFile = Path.of(v);
                    }
                }
                case "--timeout" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--timeout needs a number of seconds");
                    }
                    String v = args[++i];
                    try {
                        timeoutSeconds = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        timeoutSeconds = -1;
                    }
                    if (timeoutSeconds < 0) {
                        return usage(err, "--timeout takes whole seconds, 0 or more (0: wait as long as the daemon"
                                + " takes); got '" + v + "'");
                    }
                }
                case "--json" -> json = true;
                case "--tls" -> tls = true;
                case "-h", "--help", "help" -> {
                    out.print(HELP);
                    return OK;
                }
                case "-V", "--version" -> {
                    String release = Poolctl.class.getModule().getDescriptor() == null ? null
                            : Poolctl.class.getModule().getDescriptor().rawVersion().orElse(null);
                    out.println("poolctl " + (release == null ? "(version unknown: not run from the runtime image)"
                            : release));
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
        if (problem == null) {
            problem = checkJmx(jmx);
        }
        if (problem != null) {
            return usage(err, problem);
        }
        String password;
        try {
            password = passwordFile != null ? firstLine(passwordFile) : passwordFromEnv;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("poolctl: the password file " + passwordFile + " does not exist");
            return USAGE;
        } catch (java.nio.file.AccessDeniedException e) {
            err.println("poolctl: the password file " + passwordFile + " is not readable by this user");
            return USAGE;
        } catch (IOException e) {
            err.println("poolctl: cannot read the password file " + passwordFile + ": "
                    + (Files.isDirectory(passwordFile) ? "it is a directory" : rootMessage(e)));
            return USAGE;
        }
        if (user == null) {
            return usage(err, "--user is needed: the daemon lets in the users of its <jmx>");
        }
        if (password == null) {
            return usage(err, "--password-file is needed (or POOLCTL_PASSWORD)");
        }
        if (password.isEmpty()) {
            // Sent as it is, an empty password costs a login attempt and comes back as "wrong user name or
            // password", pointing away from the file that is empty.
            err.println("poolctl: " + (passwordFile != null ? "the password file " + passwordFile + " has an empty"
                    + " first line: write the password there" : "POOLCTL_PASSWORD is empty"));
            return USAGE;
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
        String where = jmx;
        boolean overTls = tls;
        boolean asJson = json;
        JMXServiceURL at = url;
        java.util.concurrent.Callable<Integer> work = () -> connectAndRun(at, env, where, overTls, command, out, err,
                asJson);
        return timeoutSeconds == 0 ? call(work) : withDeadline(work, timeoutSeconds, where, err);
    }

    /**
     * Runs {@code work} on a thread of its own for at most {@code seconds}: RMI waits for an answer
     * without limit, so a daemon that stopped answering (stopped by a debugger, swapped out, its
     * JMX threads stuck) or a silent listener at the port would otherwise hang the caller for ever.
     * A command left running is a daemon thread that the exit ends.
     */
    private static int withDeadline(java.util.concurrent.Callable<Integer> work, int seconds, String jmx,
            PrintStream err) {
        java.util.concurrent.FutureTask<Integer> task = new java.util.concurrent.FutureTask<>(work);
        Thread t = new Thread(task, "poolctl-command");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            err.println("poolctl: the daemon at " + jmx + " did not answer within " + seconds + " s (--timeout);"
                    + " a change asked for may still be applied: poolctl status shows what is in force");
            return UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNAVAILABLE;
        } catch (java.util.concurrent.ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static int call(java.util.concurrent.Callable<Integer> work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw rethrown(e);
        }
    }

    /** connectAndRun throws only unchecked exceptions: they go on as they are. */
    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
        return new IllegalStateException(e);
    }

    private static int connectAndRun(JMXServiceURL url, Map<String, Object> env, String jmx, boolean tls,
            List<String> command, PrintStream out, PrintStream err, boolean json) {
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
            Session session = new Session(c.getMBeanServerConnection(), out, err, json);
            return Commands.named(command.get(0)).orElseThrow().run(session, command.subList(1, command.size()));
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
        // By name: pool.ctl does not read java.naming, whose exception the JMX URL lookup throws.
        if (rootCause(e).getClass().getName().equals("javax.naming.NameNotFoundException")) {
            // An RMI registry answered, without the connector in it: the pools' registry, most likely.
            err.println("poolctl: " + jmx + " is an RMI registry without poold's JMX connector: is it the daemon's"
                    + " rmiRegistryPort? poolctl talks to its jmxPort (9010 by default)");
            return UNAVAILABLE;
        }
        err.println("poolctl: cannot reach poold's JMX connector at " + jmx + ": " + rootMessage(e) + (tls
                ? " (with --tls the daemon's certificate must be trusted and name the host given to --jmx)"
                : " (is the daemon running, and is that its listenAddress:jmxPort? with <tls> it needs --tls)"));
        return UNAVAILABLE;
    }

    private static String checkArity(List<String> command) {
        java.util.Optional<Command> c = Commands.named(command.get(0));
        if (c.isEmpty()) {
            return "unknown command " + command.get(0);
        }
        List<String> parameters = c.get().parameters();
        if (command.size() - 1 != parameters.size()) {
            return command.get(0) + " takes " + (parameters.isEmpty() ? "no arguments" : String.join(" ", parameters));
        }
        return null;
    }

    /**
     * Without a port the JMX URL would name RMI's default registry port, 1099, which is
     * where poold publishes its pools: the user would get a lookup failure about
     * "jmxrmi" instead of being told the port is missing.
     */
    private static String checkJmx(String jmx) {
        int colon = jmx.lastIndexOf(':');
        String host = colon < 0 ? jmx : jmx.substring(0, colon);
        String port = colon < 0 ? "" : jmx.substring(colon + 1);
        boolean bareIpv6 = host.contains(":") && !(host.startsWith("[") && host.endsWith("]"));
        if (host.isEmpty() || bareIpv6 || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1
                || Integer.parseInt(port) > 65535) {
            return "--jmx must be HOST:PORT (the daemon's listenAddress and jmxPort, 127.0.0.1:9010 by default;"
                    + " [::1]:9010 for IPv6), not '" + jmx + "'";
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
        Throwable t = rootCause(e);
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
