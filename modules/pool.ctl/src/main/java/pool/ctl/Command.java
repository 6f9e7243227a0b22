package pool.ctl;

import java.io.IOException;
import java.util.List;

/**
 * One poolctl command. A new command is a class implementing this and one line in
 * {@link Commands#ALL}: the parser checks its arity, the help lists it under its role.
 */
interface Command {

    /** @return the word that names it on the command line, e.g. {@code resize} */
    String name();

    /** @return its parameters as the help writes them, e.g. {@code [POOL, MIN, MAX]} */
    List<String> parameters();

    /** @return what it does for the help: a line, or a few separated by newlines */
    String summary();

    /** @return whether it changes the daemon (JMX role operate) rather than only reads it (role monitor) */
    boolean changes();

    /**
     * Runs it over one JMX session.
     *
     * @param arguments exactly {@link #parameters()} many
     * @return the exit code
     * @throws IOException when the connection fails
     * @throws SecurityException when the daemon refuses the user's role
     */
    int run(Session session, List<String> arguments) throws IOException;
}
