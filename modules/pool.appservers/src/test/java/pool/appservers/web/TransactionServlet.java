package pool.appservers.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** {@code GET /transaction?name=JNDI&id=N}: looks the pool up by {@code name}, then {@link Transactions#commitOneRollBackOne}. */
@WebServlet("/transaction")
public class TransactionServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        DataSource ds;
        try {
            ds = (DataSource) new InitialContext().lookup(name);
        } catch (NamingException e) {
            response.setStatus(500);
            // Tomcat wraps what the factory threw: the cause says what is wrong.
            response.getWriter().print("lookup of " + name + " failed: " + e + (e.getCause() == null ? "" : ", " + e.getCause()));
            return;
        }
        // What bean introspection (EL, CDI, monitoring) does: it resolves every method's types,
        // java.util.logging.Logger of DataSource.getParentLogger() among them.
        ds.getClass().getMethods();
        Transactions.commitOneRollBackOne(ds, Integer.parseInt(request.getParameter("id")), name, response);
    }
}
