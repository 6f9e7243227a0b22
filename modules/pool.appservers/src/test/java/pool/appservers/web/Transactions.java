package pool.appservers.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the deployed servlets do with a pool, and how they answer: deployed into the servers
 * (Java 17), it uses nothing but {@code java.sql} and the servlet API; poold's classes come
 * from the server (Tomcat's lib/, WildFly's module), never from the web archive.
 */
public final class Transactions {

    private Transactions() {
    }

    /**
     * In one connection: row {@code id} in a committed transaction, row {@code id + 1} in a
     * rolled-back one. Answers 200 "committed ID, rolled back ID+1", or 500 "sqlstate STATE:
     * message" when the pool refuses.
     */
    static void commitOneRollBackOne(DataSource ds, int id, String source, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            insert(c, id, source);
            c.commit();
            insert(c, id + 1, source);
            c.rollback();
            out.print("committed " + id + ", rolled back " + (id + 1));
        } catch (SQLException e) {
            fail(response, e);
        }
    }

    private static void insert(Connection c, int id, String source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into entry(id, source) values (?, ?)")) {
            ps.setInt(1, id);
            ps.setString(2, source);
            ps.executeUpdate();
        }
    }

    static void fail(HttpServletResponse response, SQLException e) throws IOException {
        response.setStatus(500);
        response.getWriter().print("sqlstate " + e.getSQLState() + ": " + e.getMessage());
    }
}
