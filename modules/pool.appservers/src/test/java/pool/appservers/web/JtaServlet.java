package pool.appservers.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.sql.DataSource;

/**
 * {@code GET /jta?name=JNDI&id=N}: the pool used inside container (JTA) transactions, as an
 * application moved from a container-managed data source would. The remote data source is
 * not enlisted: row {@code N}, written in autocommit inside a JTA transaction that is then
 * rolled back, stays; row {@code N+1}, written in the connection's own transaction and
 * rolled back with {@code Connection.rollback()} inside a JTA transaction that commits, does
 * not. Answers 200 "done" or 500 with the failure.
 */
@WebServlet("/jta")
public class JtaServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        int id = Integer.parseInt(request.getParameter("id"));
        response.setContentType("text/plain");
        try {
            InitialContext jndi = new InitialContext();
            DataSource ds = (DataSource) jndi.lookup(name);
            UserTransaction jta = (UserTransaction) jndi.lookup("java:comp/UserTransaction");

            jta.begin();
            try (Connection c = ds.getConnection()) {
                insert(c, id);
            } finally {
                jta.rollback();
            }

            jta.begin();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                insert(c, id + 1);
                c.rollback();
            }
            jta.commit();
            response.getWriter().print("done");
        } catch (SQLException e) {
            Transactions.fail(response, e);
        } catch (Exception e) {
            response.setStatus(500);
            response.getWriter().print(e);
        }
    }

    private static void insert(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into entry(id, source) values (?, 'jta')")) {
            ps.setInt(1, id);
            ps.executeUpdate();
        }
    }
}
