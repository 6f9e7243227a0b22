package pool.remote.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * An accepted connection handed to RMI after {@link SortingServerSocket} read its first
 * bytes: the same socket, whose input starts again with those bytes. Everything else is
 * the underlying socket's.
 */
final class ReplaySocket extends Socket {

    private final Socket socket;
    private final InputStream in;
    private final java.util.Set<Socket> open;

    /** @param open the connections handed to RMI and not yet closed: this one leaves it when closed */
    ReplaySocket(Socket socket, byte[] head, java.util.Set<Socket> open) throws IOException {
        this.socket = socket;
        this.open = open;
        InputStream rest = socket.getInputStream();
        this.in = new InputStream() {
            private int next;

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
                ReplaySocket.this.close();
            }
        };
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            open.remove(this);
        }
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isBound() {
        return socket.isBound();
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        socket.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        socket.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return socket.getKeepAlive();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        socket.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return socket.getSoLinger();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public boolean isInputShutdown() {
        return socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket.isOutputShutdown();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
