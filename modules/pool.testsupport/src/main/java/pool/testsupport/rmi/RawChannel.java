package pool.testsupport.rmi;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.registry.LocateRegistry;
import pool.protocol.CallChannel;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Wire;

/**
 * A call channel without the client library around it, for tests that send the daemon
 * what no well-behaved client would: malformed frames, hostile lengths, bad hellos.
 */
public final class RawChannel implements Closeable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private RawChannel(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Connects without saying anything yet. */
    public static RawChannel connect(String host, int port) throws IOException {
        return connect(host, port, null);
    }

    /**
     * Connects with a 4 KiB receive buffer, set before the connection so that the window stays
     * small: replies this channel does not read back up into the daemon within a few frames.
     */
    public static RawChannel connectSlowReader(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress(host, port), 10_000);
            return new RawChannel(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Logs in as the client library does, through {@code pools/<pool>} in the registry on
     * {@code registryPort} of 127.0.0.1.
     *
     * @return the login's ticket, for {@link #hello}
     * @throws IOException naming the daemon's refusal when the login fails
     */
    public static byte[] login(int registryPort, String pool, String user, String password) throws Exception {
        RemotePool stub = (RemotePool) LocateRegistry.getRegistry("127.0.0.1", registryPort).lookup("pools/" + pool);
        LoginReply reply = Wire.decodeLoginReply(stub.login(Wire.encode(new LoginRequest(Protocol.VERSION, user,
                password.toCharArray(), null))));
        if (reply.error() != null) {
            throw new IOException("login of " + user + " refused: " + reply.error().sqlState() + " "
                    + reply.error().message());
        }
        return reply.ticket();
    }

    /**
     * Connects from {@code from} (null: any local address) without saying anything yet;
     * any of 127.0.0.0/8 reaches a loopback listener, so a test can stand for many hosts.
     */
    public static RawChannel connect(String host, int port, java.net.InetAddress from) throws IOException {
        Socket s = new Socket();
        try {
            if (from != null) {
                s.bind(new InetSocketAddress(from, 0));
            }
            s.connect(new InetSocketAddress(host, port), 10_000);
            return new RawChannel(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** @return the bytes of a whole hello for {@code pool} and {@code ticket}, magic included */
    public static byte[] helloBytes(String pool, byte[] ticket) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(bytes);
        CallChannel.writeHello(o, pool, ticket);
        o.flush();
        return bytes.toByteArray();
    }

    /** Sends a hello with a ticket from a login. @return the daemon's answer; error null when the channel is open */
    public LoginReply hello(String pool, byte[] ticket) throws IOException {
        CallChannel.writeHello(out, pool, ticket);
        out.flush();
        byte[] answer = CallChannel.readFrame(in, 1 << 16);
        if (answer == null) {
            throw new java.io.EOFException("the daemon closed the channel");
        }
        return Wire.decodeLoginReply(answer);
    }

    /** One frame out, one in. @return the answer, or null when the daemon closed the channel instead */
    public byte[] call(byte[] frame) throws IOException {
        CallChannel.writeFrame(out, frame);
        out.flush();
        return CallChannel.readFrame(in, Wire.MAX_FRAME);
    }

    /** Sends one frame and does not wait for its answer. */
    public void sendFrame(byte[] frame) throws IOException {
        CallChannel.writeFrame(out, frame);
        out.flush();
    }

    /**
     * @return the next frame, or null when the daemon closed the channel
     * @throws java.net.SocketTimeoutException when none began within {@code timeoutMillis}
     */
    public byte[] awaitFrame(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            return CallChannel.readFrame(in, Wire.MAX_FRAME);
        } finally {
            socket.setSoTimeout(30_000);
        }
    }

    /** @return bytes the daemon sent that this side has not read yet (0: no reply has begun) */
    public int available() throws IOException {
        return in.available();
    }

    /** Sends raw bytes as they are. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** @return whether the daemon closed the channel (reading finds its end) within the socket timeout */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    /**
     * @return whether the daemon has closed the channel, looking for at most
     *         {@code timeoutMillis}: false when it is open (nothing came, or it sent something)
     */
    public boolean closedWithin(int timeoutMillis) {
        return PeerClose.within(socket, in, timeoutMillis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
