package pool.daemon;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import pool.daemon.config.ConfigLoader;
import pool.daemon.lifecycle.PoolFactory;
import pool.remote.ConnectionLimits;
import pool.remote.RemoteServer;

/**
 * {@code poold} command line. Exit codes follow sysexits(3): 0 ok, 64 usage,
 * 78 configuration error, 70 internal error.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 64;
    static final int EXIT_INTERNAL = 70;
    static final int EXIT_CONFIG = 78;

    private static final String USAGE = """
            usage: poold --config FILE          run the daemon on FILE
                   poold --check-config FILE    validate FILE and exit (0 ok, 78 invalid)
                   poold --hash-password        read a password on stdin, print its hash for <clients> or <jmx>
                                                (also: poold hash-password)
                   poold --version              the release, its remote protocol and its Java
                   poold --help                 this text""";

    private Main() {
    }

    public static void main(String[] args) {
        hardenRmi();
        LogSetup.install(System.out);
        int code = run(List.of(args), System.out, System.err);
        // Exit explicitly even on success: pool threads must not keep a stopped daemon alive.
        System.exit(code);
    }

    /**
     * The JVM-wide RMI and serialization settings, set before anything can touch RMI or
     * serialization (the JDK reads them once): the registry admits only the String of a
     * lookup, no class is ever loaded from a URL a peer names, an RMI connection idle between
     * requests is closed after 30 s instead of the JDK's two hours (the daemon's sockets
     * enforce the same), an object stream without a filter of its own deserializes nothing
     * (see {@link SerialRejections}), every rejection by a serialization filter is
     * logged, and an exception a remote call throws reaches the peer without the daemon's
     * stack trace (RMI sends it by default, to strangers too: a failed lookup showed the
     * registry's frames). An operator's own -D settings win for all but the filter.
     */
    static void hardenRmi() {
        if (System.getProperty(ConnectionLimits.RMI_READ_TIMEOUT_PROPERTY) == null) {
            System.setProperty(ConnectionLimits.RMI_READ_TIMEOUT_PROPERTY,
                    Long.toString(ConnectionLimits.DEFAULT_IDLE_TIMEOUT.toMillis()));
        }
        if (System.getProperty("sun.rmi.registry.registryFilter") == null) {
            System.setProperty("sun.rmi.registry.registryFilter", RemoteServer.REGISTRY_FILTER);
        }
        if (System.getProperty("java.rmi.server.useCodebaseOnly") == null) {
            System.setProperty("java.rmi.server.useCodebaseOnly", "true");
        }
        if (System.getProperty(RemoteServer.SUPPRESS_STACK_TRACES_PROPERTY) == null) {
            System.setProperty(RemoteServer.SUPPRESS_STACK_TRACES_PROPERTY, "true");
        }
        SerialRejections.install();
    }

    /**
     * @return e.g. {@code poold 0.1.0 (remote protocol 7, Java 25.0.3)}: what an operator
     *         compares with the client jars an application server runs, which must be of the same
     *         protocol version
     */
    static String version() {
        String release = Main.class.getModule().getDescriptor() == null ? null
                : Main.class.getModule().getDescriptor().rawVersion().orElse(null);
        return "poold " + (release == null ? "(version unknown: not run from the runtime image)" : release)
                + " (remote protocol " + pool.protocol.Protocol.VERSION + ", Java " + Runtime.version() + ")";
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return EXIT_USAGE;
        }
        String command = args.get(0);
        if (args.size() > 1 && List.of("--help", "-h", "--version", "-V").contains(command)) {
            // Said rather than ignored: "poold --version --config FILE" starts nothing.
            err.println("poold: " + command + " takes no argument\n" + USAGE);
            return EXIT_USAGE;
        }
        switch (command) {
            case "--help", "-h" -> {
                out.println(USAGE);
                return EXIT_OK;
            }
            case "--version", "-V" -> {
                out.println(version());
                return EXIT_OK;
            }
            // issue 6 names it as a subcommand, `poold hash-password`; both spellings work.
            case "--hash-password", "hash-password" -> {
                return HashPassword.run(args.size(), out, err);
            }
            case "--config", "--check-config" -> {
                if (args.size() != 2) {
                    err.println("poold: " + command + " takes exactly one FILE\n" + USAGE);
                    return EXIT_USAGE;
                }
                Path file = Path.of(args.get(1));
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    err.println(file + ": configuration file not found or not readable");
                    return EXIT_CONFIG;
                }
                try {
                    ConfigLoader loader = ConfigLoader.forProcess();
                    if (command.equals("--check-config")) {
                        new ConfigCheck(loader).check(file).forEach(out::println);
                        return EXIT_OK;
                    }
                    return new Daemon(file, loader, PoolFactory.ENGINE, RmiPublisher::start, JmxStarter.CONNECTOR).run();
                } catch (ConfigException e) {
                    // One FILE:LINE:COLUMN line per problem, the form editors jump to.
                    e.problems().forEach(err::println);
                    err.println("poold: " + file + (command.equals("--check-config")
                            ? ": configuration is invalid" : ": not started"));
                    return EXIT_CONFIG;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return EXIT_INTERNAL;
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    // Unexpected, so the stack trace is wanted here. LinkageError: a broken jar in
                    // drivers/ or the image; left uncaught, either would end the JVM with exit 1,
                    // a code systemd and scripts cannot tell from the daemon's own.
                    err.println("poold: internal error: " + e);
                    e.printStackTrace(err);
                    return EXIT_INTERNAL;
                }
            }
            default -> {
                err.println("poold: unknown option '" + command + "'\n" + USAGE);
                return EXIT_USAGE;
            }
        }
    }
}
