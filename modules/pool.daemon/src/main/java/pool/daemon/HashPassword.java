package pool.daemon;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import pool.remote.PasswordHash;

/**
 * {@code poold --hash-password}: reads a password (without echo on a terminal, else one
 * line of stdin, for scripts) and prints the {@code hash} value for
 * {@code <clients><user name=... hash=.../>} or {@code <jmx><user name=... hash=... role=.../>}. The password never appears in arguments,
 * where {@code ps} would show it.
 */
final class HashPassword {

    private HashPassword() {
    }

    static int run(int argCount, PrintStream out, PrintStream err) {
        if (argCount != 1) {
            err.println("poold: --hash-password takes no argument: it reads the password from stdin");
            return Main.EXIT_USAGE;
        }
        char[] password = read(err);
        if (password == null || password.length == 0) {
            err.println("poold: no password given");
            return Main.EXIT_USAGE;
        }
        try {
            out.println(PasswordHash.create(password).encoded());
            return Main.EXIT_OK;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] read(PrintStream err) {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            return console.readPassword("password: ");
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        } catch (IOException e) {
            err.println("poold: cannot read the password: " + e.getMessage());
            return null;
        }
    }
}
