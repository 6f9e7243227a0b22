package pool.remote.internal;

import java.io.IOException;
import java.net.Socket;

/** Closing sockets that another thread may be reading or writing. */
final class Sockets {

    private Sockets() {
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /**
     * Closes {@code s} on a virtual thread of its own: closing a TLS socket sends a
     * close_notify and may wait for a writer blocked on a peer that does not read, and the
     * caller (a reload, the lease reaper, the watchdog) must not wait for any one peer.
     */
    static void closeInBackground(Socket s) {
        Thread.ofVirtual().name("poold-close").start(() -> closeQuietly(s));
    }
}
