package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.protocol.Protocol;
import pool.remote.ConnectionLimits;

class BoundedRmiSocketTest {

    private static final Duration REQUEST = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofSeconds(30);

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final ConnectionGuard guard = new ConnectionGuard("test port", new ConnectionLimits(8, 8, REQUEST, IDLE));
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Socket client;
    private DataOutputStream toServer;
    private BoundedRmiSocket server;
    private InputStream in;

    @BeforeEach
    void connect() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        toServer = new DataOutputStream(client.getOutputStream());
        Socket accepted = listener.accept();
        server = new BoundedRmiSocket(accepted, accepted.getInputStream(), guard, guard.admit(accepted.getInetAddress()),
                now.get(), now::get, open);
        in = server.getInputStream();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        server.close();
        listener.close();
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /** The client's header and endpoint, answered: the connection is then between requests. */
    private void handshake() throws IOException {
        toServer.write(new byte[] {'J', 'R', 'M', 'I', 0, 2, 0x4B});
        toServer.flush();
        in.readNBytes(7);
        server.getOutputStream().write(0x4E); // the protocol ack
        toServer.writeUTF("client");
        toServer.writeInt(1);
        toServer.flush();
        in.readNBytes(2 + 6 + 4);
    }

    /** Sends the first {@code bytes} bytes of a call to an object that is not the registry. */
    private void send(int bytes) throws IOException {
        byte[] call = callHeader(4711, -1);
        toServer.write(java.util.Arrays.copyOf(call, bytes));
        toServer.flush();
    }

    /** A call as RMI begins it: the op, a stream header and one block record of ObjID, operation and hash. */
    private static byte[] callHeader(long objNum, int op) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(41);
        b.put((byte) 0x50).put(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}).put((byte) 0x77).put((byte) 34);
        b.putLong(objNum).putInt(0).putLong(0).putShort((short) 0).putInt(op).putLong(4905912898345647071L);
        return b.array();
    }

    @Test
    void aRegistryCallThatWouldChangeANameClosesTheConnectionBeforeRmiReadsItsArgument() throws IOException {
        handshake();
        toServer.write(callHeader(0, 4)); // the registry stub's unbind
        toServer.writeUTF("pools/orders");
        toServer.flush();
        SocketException e = assertThrows(SocketException.class, () -> in.readNBytes(41));
        assertTrue(e.getMessage().contains("registry other than lookup and list"), e.getMessage());
        assertTrue(server.isClosed());
        assertEquals(0, guard.open());
    }

    /** Reads until the socket fails; @return how many bytes the reader got before that */
    private int readUntilCut() {
        byte[] buf = new byte[8192];
        int total = 0;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
            }
            throw new AssertionError("the connection ended without being cut, after " + total + " bytes");
        } catch (IOException e) {
            return total;
        }
    }

    @Test
    void aRequestLongerThanTheLimitIsCutWhileBeingRead() throws Exception {
        handshake();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                send(1 << 20);
            } catch (IOException e) {
                // the daemon closed the connection under the sender: expected
            }
        });
        int got = readUntilCut();
        assertTrue(got <= Protocol.MAX_RMI_REQUEST_BYTES, "RMI was handed " + got + " bytes of one request");
        assertTrue(server.isClosed());
        assertEquals(0, guard.open(), "a closed connection no longer counts");
        assertTrue(open.isEmpty());
        sending.get(30, TimeUnit.SECONDS);
    }

    @Test
    void requestsThatFitPassAndTheCountStartsAfreshAfterEachAnswer() throws IOException {
        handshake();
        for (int i = 0; i < 20; i++) {
            send(Protocol.MAX_RMI_REQUEST_BYTES / 2);
            assertEquals(Protocol.MAX_RMI_REQUEST_BYTES / 2, in.readNBytes(Protocol.MAX_RMI_REQUEST_BYTES / 2).length);
            server.getOutputStream().write(0x51); // a return
        }
        assertTrue(!server.isClosed());
    }

    @Test
    void aRequestMustBeReadByItsDeadlineHoweverSlowlyItsBytesCome() throws Exception {
        handshake();
        send(10); // a request begins
        in.readNBytes(10);
        advance(REQUEST.minusSeconds(1));
        assertNull(server.overdue(now.get()), "within its deadline");
        CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(this::readUntilCut);
        until("the reader waits in its read", Duration.ofSeconds(10),
                () -> server.overdue(now.get() + REQUEST.toNanos()) != null);
        advance(Duration.ofSeconds(2));
        assertNotNull(server.overdue(now.get()), "a read waiting past the deadline is overdue");
        server.cut(server.overdue(now.get()));
        reading.get(30, TimeUnit.SECONDS);
        assertTrue(server.isClosed());
    }

    @Test
    void aReadThatStartsAfterTheDeadlineFailsAtOnce() throws IOException {
        handshake();
        send(10);
        in.readNBytes(10);
        advance(REQUEST.plusSeconds(1));
        send(10);
        SocketException e = assertThrows(SocketException.class, () -> in.read(new byte[10]));
        assertTrue(e.getMessage().contains("too slow"), e.getMessage());
    }

    @Test
    void theFirstRequestCountsFromTheAccept() {
        advance(REQUEST.plusSeconds(1));
        assertThrows(SocketException.class, () -> in.read(new byte[10]), "a connection that said nothing in time");
    }

    @Test
    void theTimeTheDaemonTakesToAnswerIsNotThePeers() throws IOException {
        handshake();
        send(100);
        in.readNBytes(100); // the whole request: RMI now runs it and reads nothing
        advance(Duration.ofMinutes(5)); // a JMX notification fetch that waited for news
        assertNull(server.overdue(now.get()), "no read is waiting: nothing is overdue");
        server.getOutputStream().write(0x51);
        advance(IDLE.minusSeconds(1));
        send(10);
        assertEquals(10, in.readNBytes(10).length, "within the idle time a new request is welcome");
    }

    @Test
    void aConnectionIdleBetweenRequestsForLongerThanTheIdleTimeIsCut() throws IOException {
        handshake();
        advance(IDLE.plusSeconds(1));
        SocketException e = assertThrows(SocketException.class, () -> in.read(new byte[10]));
        assertTrue(e.getMessage().contains("idle"), e.getMessage());
    }
}
