package pool.daemon;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
                   poold --help                 this text""";

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.out, System.err);
        if (code != EXIT_OK || !isRunCommand(args)) {
            System.exit(code);
        }
    }

    private static boolean isRunCommand(String[] args) {
        return args.length > 0 && args[0].equals("--config");
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return EXIT_USAGE;
        }
        String command = args.get(0);
        switch (command) {
            case "--help", "-h" -> {
                out.println(USAGE);
                return EXIT_OK;
            }
            case "--config", "--check-config" -> {
                if (args.size() != 2) {
                    err.println("poold: " + command + " takes exactly one FILE\n" + USAGE);
                    return EXIT_USAGE;
                }
                Path file = Path.of(args.get(1));
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    err.println("poold: " + file + ": configuration file not found or not readable");
                    return EXIT_CONFIG;
                }
                try {
                    if (command.equals("--check-config")) {
                        new ConfigCheck().check(file);
                        out.println("poold: " + file + ": configuration is valid");
                        return EXIT_OK;
                    }
                    Daemon daemon = new Daemon(file);
                    daemon.start();
                    daemon.awaitShutdown();
                    return EXIT_OK;
                } catch (ConfigException e) {
                    err.println("poold: " + e.getMessage());
                    return EXIT_CONFIG;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return EXIT_INTERNAL;
                } catch (RuntimeException e) {
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
