package pool.appservers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import pool.testsupport.db.DatabaseServer;

/**
 * Table {@code entry} of the PostgreSQL behind the daemon's pool, read directly (not through
 * poold): what the servers' transactions left there.
 */
final class EntryTable {

    private final DatabaseServer pg;

    private EntryTable(DatabaseServer pg) {
        this.pg = pg;
    }

    static EntryTable create(DatabaseServer pg) throws SQLException {
        try (Connection c = pg.openConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists entry(id int primary key, source varchar(200) not null)");
        }
        return new EntryTable(pg);
    }

    /** @return the source of row {@code id}, or null when there is none */
    String source(int id) throws SQLException {
        try (Connection c = pg.openConnection(); PreparedStatement ps = c.prepareStatement("select source from entry where id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
