package pool.ctl;

import java.util.List;
import java.util.Optional;
import pool.jmx.LiveSetting;

/** Every poolctl command, in the order the help lists them. */
final class Commands {

    static final List<Command> ALL = List.of(
            new StatusCommand(),
            new LeaksCommand(),
            new TenantsCommand(),
            new ResizeCommand(),
            new SetCommand(),
            new PoolOperationCommand("reclaim-leaks", "take leaked connections back", PoolOperationCommand.RECLAIM),
            new PoolOperationCommand("evict", "retire every connection (idle now, borrowed when returned)",
                    PoolOperationCommand.EVICT),
            new PoolOperationCommand("suspend", "borrows wait until resume", PoolOperationCommand.SUSPEND),
            new PoolOperationCommand("resume", "end a suspend: waiting borrowers are served",
                    PoolOperationCommand.RESUME),
            new ReloadCommand());

    private Commands() {
    }

    static Optional<Command> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** @return the commands' part of the help: read-only ones under role monitor, the rest under operate */
    static String help() {
        StringBuilder sb = new StringBuilder("role monitor:\n");
        ALL.stream().filter(c -> !c.changes()).forEach(c -> line(sb, c));
        sb.append("role operate (also the above):\n");
        ALL.stream().filter(Command::changes).forEach(c -> line(sb, c));
        sb.append(wrap("set's SETTING: " + LiveSetting.names() + "; VALUE as the file writes it: a duration (500ms,"
                + " 30s, 10m, 0; at most 36500d; reaperInterval above 0), true or false, a whole number (maxSize 1"
                + " or more)"));
        return sb.toString();
    }

    /** @return {@code text} in lines of at most 96 characters, the second and later indented by two */
    private static String wrap(String text) {
        StringBuilder all = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > 96) {
                all.append(line).append('\n');
                line.setLength(0);
                line.append(' ');
            }
            if (!line.isEmpty()) {
                line.append(' '); // between words, or the second space of a continuation's indent
            }
            line.append(word);
        }
        return all.append(line).append('\n').toString();
    }

    /** @return the command as typed, e.g. {@code resize POOL MIN MAX} */
    static String synopsis(Command c) {
        return c.parameters().isEmpty() ? c.name() : c.name() + " " + String.join(" ", c.parameters());
    }

    private static void line(StringBuilder sb, Command c) {
        String synopsis = synopsis(c);
        // A summary's further lines (after a newline in it) start under its first.
        sb.append("  ").append(synopsis).append(" ".repeat(Math.max(1, 29 - synopsis.length())))
                .append(c.summary().replace("\n", "\n" + " ".repeat(31))).append('\n');
    }
}
