package pool.appservers.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * {@code GET /lookups?name=JNDI&times=N}: what an application that looks its pool up on every
 * request does, N times over: a fresh {@link InitialContext}, a lookup, a connection, a query.
 * Answers "lookups N, data sources D" (D: distinct objects the lookups returned).
 */
@WebServlet("/lookups")
public class LookupsServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        int times = Integer.parseInt(request.getParameter("times"));
        Set<DataSource> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            for (int i = 0; i < times; i++) {
                DataSource ds = (DataSource) new InitialContext().lookup(name);
                seen.add(ds);
                try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select 1")) {
                    rs.next();
                }
            }
        } catch (NamingException e) {
            response.setStatus(500);
            response.getWriter().print("lookup of " + name + " failed: " + e);
            return;
        } catch (SQLException e) {
            Transactions.fail(response, e);
            return;
        }
        response.setContentType("text/plain");
        response.getWriter().print("lookups " + times + ", data sources " + seen.size());
    }
}
