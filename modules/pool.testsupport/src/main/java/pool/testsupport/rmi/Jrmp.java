package pool.testsupport.rmi;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Raw JRMP (RMI's wire protocol) written by hand, for tests that send an RMI server what
 * no RMI client would: a request that never ends, a string whose declared length is a
 * lie, a connection that says its header and then nothing. Each connection may come from
 * a chosen local address (any of 127.0.0.0/8 reaches a loopback listener), so that tests
 * can stand for many hosts.
 */
public final class Jrmp implements AutoCloseable {

    /** The registry's object number ({@code ObjID.REGISTRY_ID}) and its stub's lookup: operation 2 under this hash. */
    private static final long REGISTRY_INTERFACE_HASH = 4905912898345647071L;

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;

    private Jrmp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8192));
        this.in = new DataInputStream(socket.getInputStream());
    }

    /**
     * Connects from {@code from} (null: any local address) and does RMI's opening: the
     * header, the server's acknowledgement, the client's endpoint. The connection is then
     * where an RMI client sends its first call.
     */
    public static Jrmp open(String host, int port, InetAddress from) throws IOException {
        Socket s = new Socket();
        try {
            if (from != null) {
                s.bind(new InetSocketAddress(from, 0));
            }
            s.connect(new InetSocketAddress(host, port), 10_000);
            Jrmp j = new Jrmp(s);
            j.out.writeInt(0x4A524D49); // "JRMI"
            j.out.writeShort(2);
            j.out.writeByte(0x4B); // stream protocol
            j.out.flush();
            if (j.in.readByte() != 0x4E) {
                throw new IOException("the server did not acknowledge the JRMP header");
            }
            j.in.readUTF();
            j.in.readInt();
            j.out.writeUTF("");
            j.out.writeInt(0);
            j.out.flush();
            return j;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Starts a registry lookup whose name is a string declared {@code declaredBytes} long,
     * then streams its bytes until {@code streamBytes} are sent or the server stops reading.
     *
     * @return how many bytes of the name were written before the connection failed, or
     *         {@code streamBytes} when all were
     */
    public long streamLookupName(long declaredBytes, long streamBytes) throws IOException {
        out.writeByte(0x50); // a call
        ObjectOutputStream call = new ObjectOutputStream(out); // RMI's call header, as its stubs write it
        call.writeLong(0); // the registry's ObjID: object number 0...
        call.writeInt(0); // ...in the well-known space (a UID of zeros)
        call.writeLong(0);
        call.writeShort(0);
        call.writeInt(2); // lookup
        call.writeLong(REGISTRY_INTERFACE_HASH);
        call.flush();
        out.writeByte(0x7C); // TC_LONGSTRING: what writeObject writes for a string over 64 KiB
        out.writeLong(declaredBytes);
        byte[] chunk = new byte[64 << 10];
        java.util.Arrays.fill(chunk, (byte) 'a');
        long sent = 0;
        try {
            while (sent < streamBytes) {
                int n = (int) Math.min(chunk.length, streamBytes - sent);
                out.write(chunk, 0, n);
                out.flush();
                sent += n;
            }
            return sent;
        } catch (IOException e) {
            return sent; // the server closed the connection while the name was on its way
        }
    }

    /** @return whether the server closed the connection: a read finds its end (or a reset) within 30 s */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    /** @return whether the server has closed the connection, looking for at most {@code timeoutMillis} */
    public boolean closedWithin(int timeoutMillis) {
        return PeerClose.within(socket, in, timeoutMillis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
