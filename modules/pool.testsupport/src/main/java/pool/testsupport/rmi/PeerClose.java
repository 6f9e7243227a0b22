package pool.testsupport.rmi;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/** Whether the other end of a test's connection has closed it. */
final class PeerClose {

    /** The read timeout the helpers' sockets keep between their own waits. */
    static final int DEFAULT_TIMEOUT_MILLIS = 30_000;

    private PeerClose() {
    }

    /**
     * @return whether a read on {@code in} finds the end of the stream (or a reset) within
     *         {@code timeoutMillis}; false when nothing came, or something did
     */
    static boolean within(Socket socket, InputStream in, int timeoutMillis) {
        try {
            socket.setSoTimeout(timeoutMillis);
            try {
                return in.read() < 0;
            } finally {
                socket.setSoTimeout(DEFAULT_TIMEOUT_MILLIS);
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset, or closed on this side
        }
    }
}
