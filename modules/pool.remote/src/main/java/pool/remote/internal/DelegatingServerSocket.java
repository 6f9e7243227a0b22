package pool.remote.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;

/**
 * A server socket that RMI is given in place of the one that listens: it answers for the
 * listening socket's address and port, and a subclass decides what {@code accept()} hands
 * RMI and what closing means.
 */
abstract class DelegatingServerSocket extends ServerSocket {

    final ServerSocket listener;

    DelegatingServerSocket(ServerSocket listener) throws IOException {
        this.listener = listener;
    }

    @Override
    public boolean isBound() {
        return listener.isBound();
    }

    @Override
    public int getLocalPort() {
        return listener.getLocalPort();
    }

    @Override
    public InetAddress getInetAddress() {
        return listener.getInetAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return listener.getLocalSocketAddress();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + listener + "]";
    }
}
