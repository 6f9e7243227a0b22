package pool.ormtests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.Function;

/**
 * Set-up and verification beside the ORM, always through the driver's own connection: what a
 * step's rows start from, and what the database really stored. Neither is part of what is
 * compared as an ORM's doing, so neither goes through poold.
 */
public final class Tables {

    private final Backend backend;

    public Tables(Backend backend) {
        this.backend = backend;
    }

    /** Empties tables. */
    public void clear(String... tables) throws Exception {
        try (Connection c = backend.server().openConnection(); Statement s = c.createStatement()) {
            for (String t : tables) {
                s.execute("delete from " + t);
            }
        }
    }

    /** Runs set-up SQL. */
    public void run(String... sql) throws Exception {
        try (Connection c = backend.server().openConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /**
     * Appends to {@code out} the database's own text of every non-null {@code column} of
     * {@code table}, read in a UTC session, as rows (id, "stored column", text): a value that
     * was shifted on the way in shows here even when it is shifted back on the way out.
     */
    public Outcome stored(Outcome out, String table, String column, Function<Long, Object> label) throws Exception {
        try (Connection c = backend.verifier(); PreparedStatement ps = c.prepareStatement(
                "select id, " + backend.asText(column) + " from " + table + " where " + column
                        + " is not null order by id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.row(label.apply(rs.getLong(1)), "stored " + column, rs.getString(2));
            }
        }
        return out;
    }
}
