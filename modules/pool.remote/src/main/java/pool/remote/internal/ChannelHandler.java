package pool.remote.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.function.BiFunction;
import pool.protocol.CallChannel;
import pool.protocol.LoginReply;
import pool.protocol.Protocol;
import pool.protocol.SqlError;
import pool.protocol.Wire;
import pool.protocol.WireException;

/**
 * Opens and serves call channels ({@link CallChannel}). The hello is read and its ticket
 * checked on the thread that sorted the connection (a virtual thread): a connection costs
 * no thread of its own until its ticket checks out. Then the channel gets its serving
 * thread, which answers call frames one by one through the pool's endpoint until the
 * client closes the channel or its ticket ends.
 *
 * <p>The serving thread is a platform thread unless {@code -Dpoold.channel.virtualThreads=true}:
 * a channel blocks in the kernel on its next frame, which a platform thread answers without
 * the hand-off to a carrier that a virtual thread costs on every call.
 */
public final class ChannelHandler {

    private static final System.Logger LOG = System.getLogger("poold.remote");

    /** The address of the client whose channel the current thread serves, for logs. */
    static final ThreadLocal<String> CLIENT = new ThreadLocal<>();

    /**
     * How long a call frame's body may take to arrive once its length was read, and a reply
     * to be taken by the client once writing it began: meanwhile the call holds its share of
     * {@link #memory}, which a client that stops reading must not keep from every other call.
     * {@code -Dpoold.remote.channelIoTimeout=<ms>}; by default 30 s.
     */
    static final long IO_DEADLINE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
            Long.getLong("poold.remote.channelIoTimeout", 30_000));

    private final BiFunction<String, byte[], PoolEndpoint> endpoints;
    /** The heap the calls of every channel may hold at once. */
    private final CallMemory memory;
    /** The channels open, over every ticket: each holds a socket and a thread. */
    private final ChannelCount count;
    /** Channels refused at the daemon's or a user's bound: a flood of them is logged one line per 10 s. */
    private final RateLimitedLog refusedChannels = new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10),
            System::nanoTime);
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Refused hellos: a forged ticket looks like one that ended, which clients present after a
     * restart or a long pause, so these are counted at INFO, one line per 10 s, not warned of.
     */
    private final RateLimitedLog refusedHellos = new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10),
            System::nanoTime);
    private volatile boolean closed;

    /**
     * @param endpoints the endpoint a hello for a pool name and ticket goes to: the one that issued the
     *                  ticket (the published one, or one a reload retired that still drains), else the
     *                  published one (to refuse the ticket), or null when the name is unknown
     * @param poolConnections the connections the published pools may open, summed: the default bound on
     *                        the channels open at once derives from it ({@link ChannelCount})
     * @param clientUsers     the client users of the published pools now: while there is one, its calls
     *                        may hold the whole call memory ({@link CallMemory})
     */
    public ChannelHandler(BiFunction<String, byte[], PoolEndpoint> endpoints, java.util.function.IntSupplier poolConnections,
                          java.util.function.IntSupplier clientUsers) {
        this(endpoints, CallMemory.configured(clientUsers), ChannelCount.configured(poolConnections));
    }

    ChannelHandler(BiFunction<String, byte[], PoolEndpoint> endpoints, CallMemory memory, ChannelCount count) {
        this.endpoints = endpoints;
        this.memory = memory;
        this.count = count;
    }

    /**
     * Reads the hello of a connection that opened with {@link CallChannel#MAGIC}, on the
     * calling thread, reading exactly the hello's bytes from {@code raw}; answers it, and
     * when its ticket checks out starts the thread that serves the channel.
     *
     * @param authenticated called once the ticket checked out, before the channel is answered
     *                      and served; false when the connection's deadline cut it first
     * @return whether the channel opened; when it did not, the caller closes the socket
     * @throws IOException when reading the hello or writing the answer failed
     */
    boolean open(Socket socket, InputStream raw, java.util.function.BooleanSupplier authenticated) throws IOException {
        String client = client(socket);
        CallChannel.Hello hello;
        try {
            hello = CallChannel.readHello(new DataInputStream(raw));
        } catch (WireException e) {
            LOG.log(Level.WARNING, "poold closed a call channel from {0}: {1}", client, e.getMessage());
            return false;
        }
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8192));
        PoolEndpoint endpoint = hello.version() == Protocol.VERSION ? endpoints.apply(hello.pool(), hello.ticket()) : null;
        PoolEndpoint.ChannelAdmission admitted = endpoint == null || closed ? null
                : endpoint.admitChannel(hello.ticket(), socket);
        SqlError refusal = admitted != null ? admitted.refusal() : refusal(hello);
        java.util.Arrays.fill(hello.ticket(), (byte) 0);
        if (refusal != null) {
            refusedHellos.log(Level.INFO, () -> "poold refused a call channel from " + client + ": "
                    + refusal.message());
            CallChannel.writeFrame(out, Wire.encode(LoginReply.refused(refusal)));
            out.flush();
            return false;
        }
        Ticket ticket = admitted.ticket();
        String user = ticket.login.user;
        ChannelCount.Refusal full = count.open(user);
        if (full != null) {
            ticket.removeChannel(socket);
            SqlError tooMany = tooManyChannels(full, user);
            refusedChannels.log(Level.WARNING, () -> "poold refused a call channel from " + client + ": "
                    + tooMany.message());
            CallChannel.writeFrame(out, Wire.encode(LoginReply.refused(tooMany)));
            out.flush();
            return false;
        }
        boolean started = false;
        try {
            if (!authenticated.getAsBoolean()) {
                return false;
            }
            CallChannel.writeFrame(out, Wire.encode(LoginReply.opened()));
            out.flush();
            Runnable serving = () -> serve(socket, raw, out, endpoint, ticket, client);
            if (Boolean.getBoolean("poold.channel.virtualThreads")) {
                Thread.ofVirtual().name("poold-channel").start(serving);
            } else {
                Thread.ofPlatform().daemon().name("poold-channel").start(serving);
            }
            started = true;
            return true;
        } finally {
            if (!started) {
                ticket.removeChannel(socket);
                count.close(user);
            }
        }
    }

    /** The refusal of a channel over the daemon's bound or its user's share: transient, as a full server's. */
    private static SqlError tooManyChannels(ChannelCount.Refusal full, String user) {
        return SqlError.of(SqlError.Kind.TRANSIENT_CONNECTION, Protocol.STATE_TOO_MANY_LOGINS, full.byUser()
                ? "user '" + user + "' has " + full.limit() + " call channels open to poold, the most one user may"
                        + " (-Dpoold.remote.maxChannelsPerUser): use fewer threads or data sources per user, or ask"
                        + " the operator to raise it"
                : "poold has " + full.limit() + " call channels open, the most it allows (-Dpoold.remote.maxChannels):"
                        + " try again later, or ask the operator to raise it");
    }

    private static String client(Socket socket) {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /** Why a hello that found no endpoint to admit it is refused: another protocol version, or no such pool. */
    private static SqlError refusal(CallChannel.Hello hello) {
        if (hello.version() != Protocol.VERSION) {
            return SqlError.of(SqlError.Kind.NON_TRANSIENT_CONNECTION, Protocol.STATE_PROTOCOL_VIOLATION,
                    "poold speaks protocol " + Protocol.VERSION + ", the client " + hello.version()
                            + ": use the pool.client and pool.protocol jars of the daemon's version");
        }
        // An unknown pool is refused as an unknown ticket: a client learns nothing it could not learn from the registry.
        return SqlError.of(SqlError.Kind.TICKET_EXPIRED, Protocol.STATE_AUTH, "login ticket for pool '" + hello.pool()
                + "' is not valid (expired, or the pool was replaced): log in again");
    }

    private void serve(Socket socket, InputStream raw, DataOutputStream out, PoolEndpoint endpoint, Ticket ticket,
                       String client) {
        CLIENT.set(client);
        open.add(socket);
        if (closed) {
            Sockets.closeQuietly(socket);
        }
        IoDeadline deadline = new IoDeadline(socket, client);
        Watchdog.SHARED.watch(deadline);
        try {
            socket.setSoTimeout(0); // a pooled channel waits as long as its client likes...
            socket.setKeepAlive(true); // ...but a client host that vanished is noticed
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 8192));
            int length;
            while ((length = CallChannel.readLength(in, Wire.MAX_FRAME)) >= 0) {
                if (!CallBudget.counts(length)) {
                    if (!answer(in, out, length, endpoint, ticket, socket, deadline)) {
                        return;
                    }
                } else if (reserve(length, ticket, socket, client)) {
                    try {
                        if (!answer(in, out, length, endpoint, ticket, socket, deadline)) {
                            return;
                        }
                    } finally {
                        ticket.budget.release(length);
                    }
                } else {
                    return;
                }
            }
        } catch (WireException e) {
            LOG.log(Level.WARNING, "poold closed a call channel from {0}: {1}", client, e.getMessage());
        } catch (EOFException e) {
            LOG.log(Level.DEBUG, "call channel from {0} closed mid-frame", client);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "call channel from {0} ended: {1}", client, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally { // closed after the log line: who sees the close can read why
            Watchdog.SHARED.forget(deadline);
            open.remove(socket);
            ticket.removeChannel(socket);
            count.close(ticket.login.user);
            Sockets.closeQuietly(socket);
        }
    }

    /**
     * Reads one call and writes its reply, within the daemon's call memory and the deadlines
     * of {@link IoDeadline}.
     *
     * @return false when the channel was closed while the call waited for memory
     */
    private boolean answer(DataInputStream in, DataOutputStream out, int length, PoolEndpoint endpoint,
                           Ticket ticket, Socket socket, IoDeadline deadline) throws IOException, InterruptedException {
        // The frame, then the strings and arrays it decodes to, each about its size.
        CallMemory.Use use = memory.reserve(ticket.login.user, 2L * length, () -> socket.isClosed() || ticket.ended());
        if (use == null) {
            return false;
        }
        try (CallMemory.Use call = use.enter()) {
            deadline.arm();
            byte[] body = CallChannel.readBody(in, length);
            deadline.disarm();
            pool.protocol.Frame reply = endpoint.call(ticket, body, call);
            body = null; // what the call decoded to is counted; the frame may go
            deadline.arm();
            CallChannel.writeFrame(out, reply);
            out.flush();
            deadline.disarm();
        }
        return true;
    }

    /**
     * The deadline of a channel's call body being read or reply being written: a client that
     * stops sending or reading in the middle of a frame is cut off after
     * {@link #IO_DEADLINE_NANOS}, and the memory its call holds is given back. Between calls
     * the channel waits for its client as long as it likes.
     */
    private static final class IoDeadline implements Watchdog.Watched {
        private final Socket socket;
        private final String client;
        /** {@code System.nanoTime()} by which the frame under way must be through; 0 when none is. */
        private volatile long due;

        IoDeadline(Socket socket, String client) {
            this.socket = socket;
            this.client = client;
        }

        void arm() {
            long d = System.nanoTime() + IO_DEADLINE_NANOS;
            due = d == 0 ? 1 : d;
        }

        void disarm() {
            due = 0;
        }

        @Override
        public String overdue(long nowNanos) {
            long d = due;
            return d != 0 && nowNanos - d > 0 ? "a call frame from " + client + " was not sent or its reply not read within "
                    + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(IO_DEADLINE_NANOS) + " ms" : null;
        }

        @Override
        public void cut(String why) {
            LOG.log(Level.WARNING, "poold closed a call channel: {0}", why);
            Sockets.closeQuietly(socket);
        }
    }

    /**
     * Reserves a large frame's bytes in its ticket's budget before reading it.
     *
     * @return false when the frame can never fit, or the channel was closed while it waited
     */
    private static boolean reserve(int length, Ticket ticket, Socket socket, String client)
            throws InterruptedException {
        if (!ticket.budget.fits(length)) {
            // The client library never sends such a frame (it knows the limit): a hostile or broken client.
            LOG.log(Level.WARNING, "poold closed a call channel from {0}: a call frame of {1} bytes exceeds the {2}"
                    + " bytes one login may have in flight (maxCallBytesPerTicket)", client, Integer.toString(length),
                    Integer.toString(ticket.budget.max()));
            return false;
        }
        return ticket.budget.reserve(length, () -> socket.isClosed() || ticket.ended());
    }

    /**
     * Closes every channel, also those in the middle of a call: the server is going away,
     * and its clients must learn it from the link, as they would from a stopped process.
     */
    public void closeAll() {
        closed = true;
        open.forEach(Sockets::closeQuietly);
    }
}
