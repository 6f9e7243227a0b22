package pool.appservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ValueExpression;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pool.appservers.web.InjectedServlet;
import pool.appservers.web.JtaServlet;
import pool.appservers.web.LookupsServlet;
import pool.appservers.web.TransactionServlet;
import pool.appservers.web.Transactions;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/**
 * A real WildFly on Java 17, set up as docs/appservers.md says: the runtime image's client
 * jars as module {@code pool.client}, bound by {@code poold.cli} through the naming subsystem
 * as object factories and as external contexts over {@code PooldContextFactory}, the password
 * an {@code ${env.POOLD_PASSWORD}} expression. Transactions run through the packaged daemon on
 * a real PostgreSQL and the rows are read from PostgreSQL itself; the daemon's own count of
 * password checks shows how often the server logged in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(WildFlyIT.Bindings.class)
class WildFlyIT {

    static DatabaseServer pg;
    static EntryTable entries;
    static PooldUnderTest poold;

    @ArquillianResource
    URL app;

    @Deployment(testable = false)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "orders.war")
                .addClasses(TransactionServlet.class, LookupsServlet.class, InjectedServlet.class, JtaServlet.class,
                        Transactions.class);
    }

    /**
     * Runs poold.cli with the server's own jboss-cli.sh, before the web archive (whose
     * injection needs a binding) is deployed; then binds {@value #ENCRYPTED} with the password
     * as an encrypted expression of a credential store, as docs/appservers.md describes (the
     * same operations as its CLI commands; the expression is the answer of one of them).
     */
    public static final class Bindings implements ServerSetupTask {

        static final String ENCRYPTED = "java:global/poold/encrypted";

        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            runCli();
            bindWithEncryptedPassword(client.getControllerClient());
        }

        private static void runCli() throws IOException, InterruptedException {
            Path home = Path.of(System.getProperty("poold.test.wildfly.home"));
            ProcessBuilder cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                    "--controller=remote+http://127.0.0.1:" + System.getProperty("poold.test.wildfly.management.port"),
                    "--file=" + Path.of("src/test/wildfly/poold.cli").toAbsolutePath())
                    .redirectErrorStream(true);
            cli.environment().put("JAVA_HOME", System.getProperty("poold.test.server.java.home"));
            // Its output to a file, not a pipe read to its end: a CLI that hangs would hold the
            // read, and the bound below would never apply.
            Path log = Files.createTempFile("poold-cli-", ".log");
            cli.redirectOutput(log.toFile());
            Process p = cli.start();
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (!ended || p.exitValue() != 0) {
                throw new IOException("poold.cli " + (ended ? "failed" : "did not end within 120 s") + ":\n" + out);
            }
        }

        private static void bindWithEncryptedPassword(ModelControllerClient server) throws IOException {
            ModelNode store = Operations.createAddOperation(
                    Operations.createAddress("subsystem", "elytron", "secret-key-credential-store", "poold"));
            store.get("path").set("poold.cs");
            store.get("relative-to").set("jboss.server.data.dir");
            store.get("create").set(true);
            store.get("populate").set(true);
            execute(server, store);

            ModelNode encryption = Operations.createAddress("subsystem", "elytron", "expression", "encryption");
            ModelNode resolvers = Operations.createAddOperation(encryption);
            ModelNode resolver = resolvers.get("resolvers").add();
            resolver.get("name").set("poold");
            resolver.get("credential-store").set("poold");
            resolver.get("secret-key").set("key");
            execute(server, resolvers);

            ModelNode create = Operations.createOperation("create-expression", encryption);
            create.get("resolver").set("poold");
            create.get("clear-text").set(System.getenv("POOLD_PASSWORD"));
            String expression = execute(server, create).get("expression").asString();

            ModelNode bind = Operations.createAddOperation(Operations.createAddress("subsystem", "naming", "binding", ENCRYPTED));
            bind.get("binding-type").set("object-factory");
            bind.get("module").set("pool.client");
            bind.get("class").set("pool.client.RemoteDataSourceFactory");
            bind.get("environment", "url").set(new ValueExpression("${env.POOLD_URL}"));
            bind.get("environment", "user").set("wildfly");
            bind.get("environment", "password").set(new ValueExpression(expression));
            execute(server, bind);
        }

        private static ModelNode execute(ModelControllerClient server, ModelNode op) throws IOException {
            ModelNode outcome = server.execute(op);
            if (!Operations.isSuccessfulOutcome(outcome)) {
                throw new IOException(op + " failed: " + Operations.getFailureDescription(outcome));
            }
            return Operations.readResult(outcome);
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) {
            // The server runs on a read-only configuration: the bindings end with it.
        }
    }

    @BeforeAll
    static void startDaemon() throws Exception {
        pg = TestDatabases.postgres();
        entries = EntryTable.create(pg);
        poold = PooldUnderTest.start(pg, List.of("wildfly", "per-request", "per-context"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (poold != null) {
            poold.close();
        }
    }

    private void assertTransaction(String path, String name, int id, String source) throws Exception {
        Http.Answer a = Http.get(app, path, name, "id=" + id);
        assertEquals(200, a.status(), a + "\n" + poold.log());
        assertEquals(source, entries.source(id));
        assertNull(entries.source(id + 1), "the rolled-back row");
    }

    @Test
    void theObjectFactoryBindingCommitsOneTransactionAndRollsBackAnother() throws Exception {
        assertTransaction("transaction", "java:global/poold/orders", 100, "java:global/poold/orders");
    }

    @Test
    void theBindingInjectedWithResourceLookupCommitsAndRollsBack() throws Exception {
        assertTransaction("injected", "(injected: no lookup)", 200, "injected");
    }

    @Test
    void theCachedExternalContextCommitsAndRollsBack() throws Exception {
        assertTransaction("transaction", "java:global/poold-cached/orders", 300, "java:global/poold-cached/orders");
    }

    @Test
    void aBindingWhosePasswordIsAnEncryptedExpressionCommitsAndRollsBack() throws Exception {
        assertTransaction("transaction", Bindings.ENCRYPTED, 400, Bindings.ENCRYPTED);
    }

    /**
     * What docs/appservers.md says of container transactions: the pool is not a JTA resource.
     * Work in autocommit is committed at once and stays when the JTA transaction rolls back;
     * the connection's own transaction is what rolls back.
     */
    @Test
    void theRemoteDataSourceIsNotEnlistedInContainerTransactions() throws Exception {
        Http.Answer a = Http.get(app, "jta", "java:global/poold/orders", "id=500");
        assertEquals(new Http.Answer(200, "done"), a, poold.log());
        assertEquals("jta", entries.source(500), "written in autocommit, kept although the JTA transaction rolled back");
        assertNull(entries.source(501), "rolled back by Connection.rollback() inside a JTA transaction that committed");
    }

    @Test
    void aHundredLookupsOfTheObjectFactoryBindingLogInOnce() throws Exception {
        long before = poold.passwordChecks();
        Http.Answer a = Http.get(app, "lookups", "java:global/poold/per-request", "times=100");
        assertEquals(new Http.Answer(200, "lookups 100, data sources 100"), a, "WildFly calls the factory per lookup");
        assertEquals(1, poold.passwordChecks() - before, "password checks on the daemon");
    }

    @Test
    void aHundredLookupsThroughTheUncachedExternalContextLogInOnce() throws Exception {
        long before = poold.passwordChecks();
        Http.Answer a = Http.get(app, "lookups", "java:global/poold-uncached/orders", "times=100");
        assertEquals(200, a.status(), a.toString());
        assertEquals(1, poold.passwordChecks() - before, "password checks on the daemon");
    }
}
