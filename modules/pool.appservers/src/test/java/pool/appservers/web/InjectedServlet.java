package pool.appservers.web;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.sql.DataSource;

/** {@code GET /injected?id=N}: the WildFly binding injected by the container, then {@link Transactions#commitOneRollBackOne}. */
@WebServlet("/injected")
public class InjectedServlet extends HttpServlet {

    /** The object-factory binding that poold.cli adds. */
    static final String BINDING = "java:global/poold/orders";

    @Resource(lookup = BINDING)
    private DataSource orders;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Transactions.commitOneRollBackOne(orders, Integer.parseInt(request.getParameter("id")), "injected", response);
    }
}
