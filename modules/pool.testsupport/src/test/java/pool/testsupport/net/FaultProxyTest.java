package pool.testsupport.net;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The proxy's down state: the tests that use it count on every connect being refused. */
class FaultProxyTest {

    @Test
    void everyConnectIsRefusedOnceDownReturnedAndServedAgainAfterUp() throws Exception {
        try (ServerSocket database = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             FaultProxy proxy = new FaultProxy("127.0.0.1", database.getLocalPort())) {
            Thread.ofPlatform().daemon().start(() -> acceptForever(database));
            for (int round = 0; round < 300; round++) {
                proxy.down();
                int r = round;
                assertThrows(ConnectException.class, () -> connect(proxy.port()), () -> "round " + r);
                proxy.up();
                connect(proxy.port());
            }
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        }
    }

    private static void acceptForever(ServerSocket database) {
        try {
            while (true) {
                database.accept().close();
            }
        } catch (IOException closed) {
            // the test ended
        }
    }
}
