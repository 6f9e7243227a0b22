package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.protocol.TlsClientSocketFactory;
import pool.testsupport.tls.TestPki;

/**
 * Every client TLS socket checks that the server's certificate names the host it
 * connects to: a server whose certificate the client trusts, but which was issued to
 * another host, is refused in the handshake, before a byte of the hello (with its ticket)
 * or of an RMI call (with a password) leaves the client.
 */
class TlsHostNameTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static SSLContext previousDefault;

    @BeforeAll
    static void stores() throws Exception {
        pki = new TestPki(dir, "changeit");
        pki.keyPair("here", "CN=poold", "ip:127.0.0.1");
        pki.keyPair("elsewhere", "CN=poold", "dns:db.example.org,ip:10.1.2.3");
        pki.trust("here", "client-trust");
        pki.trust("elsewhere", "client-trust");
        previousDefault = SSLContext.getDefault();
        // The client side trusts both certificates: only the host name tells them apart.
        SSLContext.setDefault(pki.context(null, "client-trust"));
    }

    @AfterAll
    static void restore() {
        SSLContext.setDefault(previousDefault);
    }

    /** A TLS server with the key pair {@code key} that records what the client sent after the handshake. */
    private static final class Server implements AutoCloseable {
        final SSLServerSocket socket;
        final CompletableFuture<String> received;

        Server(String key) throws IOException {
            socket = (SSLServerSocket) pki.context(key, null).getServerSocketFactory()
                    .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
            received = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("tls-test-server").start(() -> {
                try (Socket s = socket.accept(); InputStream in = s.getInputStream()) {
                    s.setSoTimeout(30_000);
                    int first = in.read();
                    received.complete(first < 0 ? "nothing" : "data");
                } catch (IOException e) {
                    received.complete("nothing: " + e);
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aCallChannelRefusesACertificateIssuedToAnotherHostBeforeSendingItsHello() throws Exception {
        try (Server server = new Server("elsewhere")) {
            IOException e = assertThrows(IOException.class,
                    () -> Channel.open(new Locator("127.0.0.1", server.port(), "orders", true), new byte[32], () -> { }));
            assertTrue(e instanceof SSLHandshakeException, e.toString());
            assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
            assertTrue(server.received.get(30, TimeUnit.SECONDS).startsWith("nothing"), "no hello reached the server");
        }
    }

    @Test
    void rmiSocketsOfTheStubsRefuseACertificateIssuedToAnotherHost() throws Exception {
        try (Server server = new Server("elsewhere")) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> new TlsClientSocketFactory().createSocket("127.0.0.1", server.port()));
            assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
            assertTrue(server.received.get(30, TimeUnit.SECONDS).startsWith("nothing"));
        }
    }

    @Test
    void aCertificateNamingTheHostIsAccepted() throws Exception {
        try (Server server = new Server("here");
             Socket s = new TlsClientSocketFactory().createSocket("127.0.0.1", server.port())) {
            s.getOutputStream().write(1);
            s.getOutputStream().flush();
            assertEquals("data", server.received.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void allFactoriesAreEqualSoRmiSharesTheirConnections() {
        assertEquals(new TlsClientSocketFactory(), new TlsClientSocketFactory());
        assertEquals(new TlsClientSocketFactory().hashCode(), new TlsClientSocketFactory().hashCode());
        assertTrue(!new TlsClientSocketFactory().equals(new javax.rmi.ssl.SslRMIClientSocketFactory()));
    }
}
