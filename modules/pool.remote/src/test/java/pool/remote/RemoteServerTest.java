package pool.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.rmi.registry.LocateRegistry;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RemoteServerTest {

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback()) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void byDefaultTheRegistryListensOnLoopbackOnly() throws Exception {
        try (RemoteServer server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0))) {
            int port = server.port();
            assertTrue(port > 0);
            assertEquals(0, LocateRegistry.getRegistry("127.0.0.1", port).list().length,
                    "the registry answers on 127.0.0.1");
            Optional<InetAddress> outside = nonLoopbackAddress();
            Assumptions.assumeTrue(outside.isPresent(), "this machine has no non-loopback address to try");
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(outside.get(), port), 2000);
                }
            });
        }
    }

    @Test
    void aSilentConnectionHoldsUpNeitherRmiNorCallChannels() throws Exception {
        try (RemoteServer server = RemoteServer.start(RemoteServerConfig.defaults().withPort(0));
             Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            // Connected and says nothing: the port's other users are sorted on threads of their own,
            // so the registry still answers (a bounded wait: a blocked accept loop would hang here).
            java.util.concurrent.CompletableFuture<Integer> listed = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return LocateRegistry.getRegistry("127.0.0.1", server.port()).list().length;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertEquals(0, listed.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void configurationRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RemoteServerConfig.defaults().withPort(70000));
        assertThrows(IllegalArgumentException.class,
                () -> RemoteServerConfig.defaults().withLease(java.time.Duration.ofMillis(5)));
        assertEquals("127.0.0.1", RemoteServerConfig.defaults().host());
        assertEquals(1099, RemoteServerConfig.defaults().port());
        assertEquals(java.time.Duration.ofSeconds(30), RemoteServerConfig.defaults().lease());
    }
}
