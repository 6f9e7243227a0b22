package pool.appservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import pool.appservers.web.LookupsServlet;
import pool.appservers.web.TransactionServlet;
import pool.appservers.web.Transactions;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/**
 * A real Apache Tomcat 10.1 on Java 17, set up as docs/appservers.md says: the runtime image's
 * client jars in {@code lib/}, the pool a {@code <Resource factory="pool.client.RemoteDataSourceFactory">}
 * of the web archive's {@code META-INF/context.xml}, its URL and password from Tomcat's
 * environment. Transactions run through the packaged daemon on a real PostgreSQL, and the rows
 * are read from PostgreSQL itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TomcatIT {

    /** The second application: deployed and undeployed by its test. */
    static final String INVOICES = "invoices";

    static DatabaseServer pg;
    static EntryTable entries;
    static PooldUnderTest poold;

    @ArquillianResource
    URL app;

    @ArquillianResource
    Deployer deployer;

    @Deployment(testable = false)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "orders.war")
                .addClasses(TransactionServlet.class, LookupsServlet.class, Transactions.class)
                .addAsManifestResource("tomcat/context.xml", "context.xml");
    }

    /**
     * A second application of the same server, on another pool: declared once for the server
     * (server.xml's {@code <GlobalNamingResources>}), linked by its {@code context.xml}
     * ({@code <ResourceLink>}) and named by its {@code web.xml} ({@code <resource-ref>}).
     */
    @Deployment(name = INVOICES, managed = false, testable = false)
    static WebArchive invoices() {
        return ShrinkWrap.create(WebArchive.class, INVOICES + ".war")
                .addClasses(TransactionServlet.class, Transactions.class)
                .addAsManifestResource("tomcat/invoices-context.xml", "context.xml")
                .addAsWebInfResource("tomcat/invoices-web.xml", "web.xml");
    }

    @BeforeAll
    static void startDaemon() throws Exception {
        pg = TestDatabases.postgres();
        entries = EntryTable.create(pg);
        poold = PooldUnderTest.start(pg, List.of("tomcat"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (poold != null) {
            poold.close();
        }
    }

    /**
     * First of the class: the application that first uses the client in a server starts its
     * threads, and those must not keep the application once it is undeployed.
     */
    @Test
    @Order(1)
    void aSecondApplicationOnAGlobalResourceLeavesNothingBehindWhenUndeployed() throws Exception {
        Map<Path, Long> logs = TomcatServer.logMark();
        deployer.deploy(INVOICES);
        try {
            Http.Answer a = Http.get(TomcatServer.app(INVOICES), "transaction", "java:comp/env/jdbc/invoices", "id=500");
            assertEquals(200, a.status(), a + "\n" + poold.log());
            assertEquals("java:comp/env/jdbc/invoices", entries.source(500));
            assertNull(entries.source(501), "the rolled-back row");
        } finally {
            deployer.undeploy(INVOICES);
        }
        assertEquals(List.of(), TomcatServer.leakWarnings(INVOICES, logs), "Tomcat's warnings as it stopped the application");
        assertEquals("OK - No memory leaks found", TomcatServer.findLeaks(), "the manager's findleaks");
    }

    @Test
    void theContextXmlResourceCommitsOneTransactionAndRollsBackAnother() throws Exception {
        Http.Answer a = Http.get(app, "transaction", "java:comp/env/jdbc/orders", "id=100");
        assertEquals(200, a.status(), a + "\n" + poold.log());
        assertEquals("java:comp/env/jdbc/orders", entries.source(100));
        assertNull(entries.source(101), "the rolled-back row");
    }

    /**
     * The daemon restarted (an upgrade, a crash) while the application runs: getConnection()
     * fails while it is away, saying so without the password, and works again once it is
     * back, with no redeployment. (The application was deployed before the daemon started at
     * all: the suite's deployments precede its @BeforeAll.)
     */
    @Test
    void theApplicationWorksAgainWhenTheDaemonComesBackWithoutRedeployment() throws Exception {
        assertEquals(200, Http.get(app, "transaction", "java:comp/env/jdbc/orders", "id=600").status());
        poold.stop();
        Http.Answer away;
        Http.Answer stillAway;
        try {
            away = Http.get(app, "transaction", "java:comp/env/jdbc/orders", "id=602");
            stillAway = Http.get(app, "transaction", "java:comp/env/jdbc/orders", "id=602");
        } finally {
            poold.startAgain();
        }
        assertEquals(500, away.status(), away.toString());
        // 08006: the login held from before finds the daemon gone at the first call; 08001 when
        // a lease renewal found it gone before that (the next getConnection() looks it up).
        assertTrue(away.body().matches("(?s)sqlstate 0800[16]: .*"), "the daemon cannot be reached: " + away);
        // 08001: the next getConnection() looks the pool up again and cannot reach the daemon.
        assertTrue(stillAway.body().startsWith("sqlstate 08001: "), "the daemon cannot be reached: " + stillAway);
        assertFalse(away.body().contains(System.getenv("POOLD_PASSWORD")), away.toString());
        assertFalse(stillAway.body().contains(System.getenv("POOLD_PASSWORD")), stillAway.toString());
        Http.Answer back = Http.get(app, "transaction", "java:comp/env/jdbc/orders", "id=604");
        assertEquals(200, back.status(), back + "\n" + poold.log());
        assertEquals("java:comp/env/jdbc/orders", entries.source(604));
    }

    @Test
    void aWrongPasswordFailsAtGetConnectionNotAtLookup() throws Exception {
        Http.Answer a = Http.get(app, "transaction", "java:comp/env/jdbc/wrong-password", "id=200");
        assertEquals(500, a.status(), a.toString());
        assertTrue(a.body().startsWith("sqlstate 28P01: "), "the lookup succeeded, getConnection() refused as pgjdbc would: " + a);
        assertNull(entries.source(200));
    }

    @Test
    void aPasswordVariableTomcatLacksIsNamedAtLookupNotTakenForAWrongPassword() throws Exception {
        Http.Answer a = Http.get(app, "transaction", "java:comp/env/jdbc/unset-password", "id=700");
        assertEquals(500, a.status(), a.toString());
        assertTrue(a.body().contains("the property password is '${POOLD_UNSET_PASSWORD}', an expression the server did not resolve"),
                a.toString());
        assertNull(entries.source(700));
    }

    @Test
    void lookupsPerRequestGetTheOneDataSourceTomcatMadeAndLogInOnce() throws Exception {
        Http.get(app, "lookups", "java:comp/env/jdbc/orders", "times=1"); // whatever logged in before, it has now
        long before = poold.passwordChecks();
        Http.Answer a = Http.get(app, "lookups", "java:comp/env/jdbc/orders", "times=100");
        assertEquals(new Http.Answer(200, "lookups 100, data sources 1"), a);
        assertEquals(0, poold.passwordChecks() - before, "password checks on the daemon");
    }
}
