package pool.remote.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * A connection's input with bytes already read from it put back in front: RMI reads the
 * connection from its first byte after {@link SortingServerSocket} read four to sort it.
 */
final class ReplayInputStream extends InputStream {

    private final byte[] head;
    private final InputStream rest;
    private int next;

    ReplayInputStream(byte[] head, InputStream rest) {
        this.head = head;
        this.rest = rest;
    }

    @Override
    public int read() throws IOException {
        return next < head.length ? head[next++] & 0xFF : rest.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (next < head.length && len > 0) {
            int n = Math.min(len, head.length - next);
            System.arraycopy(head, next, b, off, n);
            next += n;
            return n;
        }
        return rest.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return head.length - next + rest.available();
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
