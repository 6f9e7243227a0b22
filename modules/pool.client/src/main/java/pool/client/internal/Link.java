package pool.client.internal;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.rmi.ConnectException;
import java.rmi.ConnectIOException;
import java.rmi.NoSuchObjectException;
import java.rmi.RemoteException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Reply;
import pool.protocol.Result;
import pool.protocol.SqlError;
import pool.protocol.Wire;
import pool.protocol.WireException;

/**
 * The client's line to one pool for one user: the stub, the login ticket, the sessions
 * it holds (whose leases it renews) and the round-trip count.
 *
 * <p>Calls travel over call channels ({@link ChannelPool}), opened with the ticket of
 * the current login; RMI carries the lookup, logins, renewals and cancels.
 *
 * <p>Reconnection: when a call fails because the daemon went away, the stub, the ticket
 * and the channels are dropped, so the next call looks the pool up again and logs in
 * again by itself. A call is retried once, on a fresh link, only when it opens a new
 * session and the daemon never received it (connection refused, idle channels found
 * closed by the daemon, a ticket the daemon does not know): then nothing can have
 * happened twice.
 */
public final class Link {

    /**
     * One thread times the renewals of every link in the JVM; daemon threads never hold the JVM
     * up. Its tasks hold their link weakly ({@link WeakTask}), and a cancelled task leaves the
     * queue at once, so neither a closed nor a dropped link stays in it.
     */
    private static final ScheduledThreadPoolExecutor RENEWER = timer();

    /**
     * The renewal calls themselves run here: RMI has no per-call timeout, and one hung
     * daemon must not stall the renewals of links to other daemons.
     */
    private static final java.util.concurrent.ExecutorService RENEWALS = Executors.newCachedThreadPool(
            r -> clientThread(r, "poold-client-renewal"));

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> clientThread(r, "poold-client-leases"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * A daemon thread of the client's own. Its context class loader is the client's: the
     * thread outlives whichever application happened to start it (the first to log in, in an
     * application server), and must not keep that application's class loader after it is
     * undeployed.
     */
    static Thread clientThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setContextClassLoader(Link.class.getClassLoader());
        return t;
    }

    /**
     * Lets the daemon take back what a garbage-collected, never-closed connection held:
     * its {@link Held} leaves the renewal set, and the daemon's lease does the rest.
     */
    private static final Cleaner CLEANER = Cleaner.create();

    private final Locator locator;
    /** Longest a closed session waits for a call to carry it back; 0 to give it back in a call of its own. */
    private final long releaseDelayNanos;
    private final PendingReleases pending = new PendingReleases();
    /** Set while a flush of {@link #pending} runs on {@link #RENEWALS}. */
    private final java.util.concurrent.atomic.AtomicBoolean flushing = new java.util.concurrent.atomic.AtomicBoolean();
    private final String user;
    private final char[] password;
    private final String tenant;
    private final Counters counters;
    /** Set while a renewal call is out, so a slow daemon never gets them piling up. */
    private final java.util.concurrent.atomic.AtomicBoolean renewing = new java.util.concurrent.atomic.AtomicBoolean();
    /** Set while a login that succeeds the current ticket is out. */
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * The session one connection holds now (0 for none). Kept apart from the connection,
     * so the renewal set does not keep an abandoned connection reachable.
     */
    public static final class Held {
        volatile long session;

        public void session(long session) {
            this.session = session;
        }
    }

    private final Set<Held> held = ConcurrentHashMap.newKeySet();

    /** A statement's columns as the daemon named them ({@code Result.Executed.columnsId}). */
    record KnownColumns(long id, List<pool.protocol.Column> columns) {
    }

    /** Statements remembered; more and the table starts afresh. */
    private static final int MAX_KNOWN_COLUMNS = 1024;

    /** Columns by SQL text, so the daemon need not send them with every first batch; see {@link #knownColumns}. */
    private final ConcurrentHashMap<String, KnownColumns> knownColumns = new ConcurrentHashMap<>();

    private RemotePool pool;          // guarded by this
    private byte[] ticket;            // guarded by this
    /**
     * The channels opened with the ticket: written under this lock (set with the ticket,
     * dropped with it), read without it on every call, so that the application's threads
     * do not all queue on one monitor per call.
     */
    private volatile ChannelPool channels;
    private ScheduledFuture<?> renewal; // guarded by this
    /** Logs in again, naming the current ticket, before the ticket reaches its lifetime. */
    private ScheduledFuture<?> refresh; // guarded by this
    private volatile java.util.Map<String, Object> metaInfo;

    /**
     * @param releaseDelay longest a closed connection's session waits for the next call to
     *                     carry it back to the daemon; zero: {@code close()} gives it back in a
     *                     call of its own
     */
    public Link(Locator locator, String user, char[] password, String tenant, Counters counters,
                java.time.Duration releaseDelay) {
        this.locator = locator;
        this.releaseDelayNanos = releaseDelay.toNanos();
        this.user = user == null ? "" : user;
        this.password = password == null ? new char[0] : password.clone();
        this.tenant = tenant;
        this.counters = counters;
        if (releaseDelayNanos > 0) {
            ExitFlush.opened(this); // weakly: a link dropped without close() is not kept for the exit
        }
    }

    public Locator locator() {
        return locator;
    }

    /** Logs in now unless a ticket is held; wrong credentials fail here with SQLState 28000. */
    public void ensureLoggedIn() throws SQLException {
        if (channels == null) {
            logIn();
        }
    }

    private synchronized void logIn() throws SQLException {
        if (ticket != null) {
            return;
        }
        LoginReply reply;
        for (int attempt = 0; ; attempt++) {
            boolean cached = pool != null;
            RemotePool p = stub();
            byte[] request = loginFrame(null);
            try {
                reply = Wire.decodeLoginReply(p.login(request));
                break;
            } catch (RemoteException e) {
                dropStub(p);
                if (cached && attempt == 0 && neverDelivered(e)) {
                    continue; // a stub of a daemon that went away: look the pool up again
                }
                throw linkFailure("logging in to", e);
            } catch (WireException e) {
                throw protocolViolation("logging in to", e);
            } finally {
                java.util.Arrays.fill(request, (byte) 0); // it held the password
                counters.roundTrips.increment();
                counters.logins.increment();
            }
        }
        if (reply.error() != null) {
            throw reply.error().toException();
        }
        adopt(reply);
    }

    /** @return the login frame, succeeding {@code previousTicket} if not null */
    private byte[] loginFrame(byte[] previousTicket) throws SQLException {
        try {
            return Wire.encode(new LoginRequest(Protocol.VERSION, user, password, tenant, previousTicket,
                    Temporals.zoneId(java.util.TimeZone.getDefault())));
        } catch (IllegalArgumentException e) {
            throw new java.sql.SQLInvalidAuthorizationSpecException("cannot log in to pool '" + locator.pool() + "': "
                    + e.getMessage(), Protocol.STATE_AUTH, e);
        }
    }

    /** Takes the ticket of a successful login: its channels, its renewals, and its successor's login before its end. */
    private synchronized void adopt(LoginReply reply) {
        ticket = reply.ticket();
        channels = new ChannelPool(locator, ticket, counters, reply.maxChannels(), reply.maxCallBytes());
        scheduleRenewal(reply.leaseMillis());
        scheduleRefresh(reply.ticketLifetimeMillis());
    }

    private static boolean neverDelivered(RemoteException e) {
        return e instanceof ConnectException || e instanceof NoSuchObjectException || e instanceof ConnectIOException;
    }

    private RemotePool stub() throws SQLException {
        if (pool == null) {
            counters.lookups.increment();
            counters.roundTrips.increment();
            pool = locator.lookup();
        }
        return pool;
    }

    private synchronized void dropStub(RemotePool stale) {
        if (pool == stale) {
            pool = null;
            dropTicket();
            knownColumns.clear(); // their ids name nothing in another daemon
        }
    }

    /** Forgets the ticket and closes the channels opened with it. */
    private void dropTicket() {
        ticket = null;
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
        pending.clear(); // the sessions of closed connections ended with the ticket, or with the daemon
        if (channels != null) {
            channels.close();
            channels = null;
        }
    }

    /** The daemon went away (a call or a channel failed): everything of it is stale. */
    private synchronized void dropLink(ChannelPool stale) {
        if (channels == stale) {
            pool = null;
            dropTicket();
            knownColumns.clear();
        }
    }

    /** @return the columns this link holds for {@code sql}, or null */
    KnownColumns knownColumns(String sql) {
        return knownColumns.get(sql);
    }

    /** Remembers the columns the daemon sent for {@code sql} under its id {@code id}. */
    void rememberColumns(String sql, long id, List<pool.protocol.Column> columns) {
        if (knownColumns.size() >= MAX_KNOWN_COLUMNS) {
            knownColumns.clear();
        }
        knownColumns.put(sql, new KnownColumns(id, columns));
    }

    private synchronized RemotePool currentStub() throws SQLException {
        logIn();
        return pool;
    }

    private ChannelPool currentChannels() throws SQLException {
        ChannelPool current = channels;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            logIn();
            return channels;
        }
    }

    private synchronized byte[] currentTicket() {
        return ticket;
    }

    private synchronized void ticketRejected(byte[] rejected) {
        if (rejected == ticket) {
            dropTicket();
        }
    }

    /**
     * One round trip.
     *
     * @throws SQLException with SQLState 08006 when the link failed mid-call, 08P01 when the
     *         daemon's answer could not be decoded, {@link UnsentCallException} when the call could
     *         not be encoded (nothing was sent)
     */
    public Reply call(long session, long handle, Borrow borrow, boolean releaseWhenIdle, List<Op> ops)
            throws SQLException {
        for (int attempt = 0; ; attempt++) {
            ChannelPool current = currentChannels();
            byte[] t = current.ticket();
            long[] released = pending.drain(Call.MAX_RELEASED);
            byte[] frame;
            try {
                frame = Wire.encode(new Call(session, handle, borrow, releaseWhenIdle, ops, released));
                current.checkSize(frame.length);
            } catch (IllegalArgumentException e) { // over a limit: nothing was sent
                if (pending.restore(released)) {
                    startTicker();
                }
                throw new UnsentCallException("poold cannot send this call: " + e.getMessage(), "54000", e);
            }
            Channel channel;
            try {
                channel = current.take();
            } catch (Channel.Refused e) {
                if (e.error.kind() != SqlError.Kind.TICKET_EXPIRED) {
                    throw e.error.toException(); // the ticket is fine: the daemon refuses this channel (its limit)
                }
                ticketRejected(t); // nothing was sent: log in again (looking the pool up again if need be) and retry
                if (attempt == 0) {
                    continue;
                }
                throw e.error.toException();
            } catch (IOException e) {
                dropLink(current); // nothing was sent, so a new session can safely be asked of a fresh link
                if (session == 0 && attempt == 0) {
                    continue;
                }
                throw linkFailure("calling", e);
            }
            Reply reply;
            try {
                counters.roundTrips.increment();
                reply = Wire.decodeReply(channel.call(frame));
                current.give(channel);
            } catch (WireException e) {
                channel.close();
                throw protocolViolation("calling", e);
            } catch (IOException e) {
                channel.close();
                dropLink(current);
                throw linkFailure("calling", e);
            }
            SqlError error = reply.error();
            if (error != null && error.kind() == SqlError.Kind.TICKET_EXPIRED && attempt == 0) {
                ticketRejected(t); // the daemon rejected the call before doing anything: log in again and retry
                continue;
            }
            return reply;
        }
    }

    /** @return the lease holder of a new connection, renewed until {@link #forget} or until {@code owner} is collected */
    public Held register(Object owner) {
        Held h = new Held();
        held.add(h);
        CLEANER.register(owner, () -> held.remove(h)); // captures h and the set, never the owner
        return h;
    }

    /** Stops renewing for a connection the application closed. */
    public void forget(Held h) {
        held.remove(h);
    }

    /** @return whether {@link #release} defers; else a close gives its session back in a call of its own */
    public boolean defersReleases() {
        return releaseDelayNanos > 0;
    }

    /**
     * Gives back the session of a connection closed in autocommit with the next call of
     * this link, whichever connection makes it, or alone after the release delay: a close
     * then costs no round trip of its own, and under load the daemon reuses the connection
     * for the very call that carries the release.
     */
    public void release(long session) {
        if (pending.add(session)) {
            startTicker();
        }
    }

    /**
     * Starts looking for releases no call carried, once per release delay, until a quiet
     * spell stops it ({@link PendingReleases#tick}). A fixed-rate task rather than one timer
     * per close: under load the timer thread wakes once per delay, not once per close.
     */
    private void startTicker() {
        ReleaseTicker ticker = new ReleaseTicker();
        ticker.started(RENEWER.scheduleAtFixedRate(ticker, releaseDelayNanos, releaseDelayNanos, TimeUnit.NANOSECONDS));
    }

    /** One run of looks for pending releases; see {@link #startTicker}. */
    private final class ReleaseTicker implements Runnable {
        private ScheduledFuture<?> future; // guarded by this
        private boolean stopped;           // guarded by this

        synchronized void started(ScheduledFuture<?> f) {
            future = f;
            if (stopped) { // stopped on a look that came before we got here
                f.cancel(false);
            }
        }

        @Override
        public void run() {
            switch (pending.tick()) {
                case FLUSH -> flushInBackground();
                case WAIT -> { }
                case STOP -> stop();
            }
        }

        private synchronized void stop() {
            stopped = true;
            if (future != null) {
                future.cancel(false);
            }
        }
    }

    /** Flushes on {@link #RENEWALS}, one flush at a time: the next look sees what is left. */
    private void flushInBackground() {
        runAlone(flushing, this::flushReleases);
    }

    /**
     * Runs {@code work} on {@link #RENEWALS} unless the last run it started under
     * {@code busy} is still out: a slow daemon never gets them piling up.
     */
    private static void runAlone(java.util.concurrent.atomic.AtomicBoolean busy, Runnable work) {
        if (busy.compareAndSet(false, true)) {
            RENEWALS.execute(() -> {
                try {
                    work.run();
                } finally {
                    busy.set(false);
                }
            });
        }
    }

    boolean hasPendingReleases() {
        return !pending.isEmpty();
    }

    /**
     * Sends the pending releases now, unless a call carries them first. Quiet: no
     * application call waits on it, so a failure is no link failure of the application's;
     * it only means the sessions went with the daemon (or their lease ends them), and the
     * next application call finds the link as it is.
     */
    void flushReleases() {
        for (;;) {
            ChannelPool current = channels;
            if (current == null) {
                return; // no ticket: nothing it held in the daemon is ours to give back any more
            }
            long[] released = pending.drain(Call.MAX_RELEASED);
            if (released.length == 0) {
                return;
            }
            Channel channel;
            try {
                channel = current.take();
            } catch (Channel.Refused e) {
                ticketRejected(current.ticket());
                return;
            } catch (IOException e) {
                dropLink(current);
                return;
            }
            try {
                counters.roundTrips.increment();
                Wire.decodeReply(channel.call(Wire.encode(Call.releaseOnly(released))));
                current.give(channel);
            } catch (WireException e) {
                channel.close();
                return;
            } catch (IOException e) {
                channel.close();
                dropLink(current);
                return;
            }
        }
    }

    /** Cancels what the session runs now; a separate connection to the daemon, the session's own is busy. */
    public void cancel(long handle) throws SQLException {
        RemotePool p = currentStub();
        try {
            counters.roundTrips.increment();
            p.cancel(currentTicket(), handle);
        } catch (RemoteException e) {
            throw linkFailure("cancelling a statement on", e);
        }
    }

    /** @return the client user this link logs in as ({@code DatabaseMetaData.getUserName()}) */
    String user() {
        return user;
    }

    /** @return the argument-less DatabaseMetaData properties, fetched once per data source and user; null before */
    java.util.Map<String, Object> metaInfo() {
        return metaInfo;
    }

    void metaInfo(Result.Meta meta) {
        java.util.Map<String, Object> map = new java.util.HashMap<>(meta.names().size() * 2);
        for (int i = 0; i < meta.names().size(); i++) {
            map.put(meta.names().get(i), meta.values()[i]);
        }
        metaInfo = java.util.Collections.unmodifiableMap(map);
    }

    /**
     * Logs in again a quarter of the ticket's lifetime before it ends, naming the ticket: the
     * daemon lets the new ticket carry on with the connections this link holds, and calls
     * still running on channels of the old ticket have that quarter to finish before the
     * daemon closes them. The application notices nothing. A failed attempt changes nothing:
     * the old ticket serves until it ends, and then the next call logs in again.
     */
    private synchronized void scheduleRefresh(long lifetimeMillis) {
        if (refresh != null) {
            refresh.cancel(false);
        }
        long delay = Math.max(500, lifetimeMillis - lifetimeMillis / 4);
        refresh = WeakTask.once(RENEWER, this, l -> runAlone(l.refreshing, l::refreshTicket), delay);
    }

    private void refreshTicket() {
        RemotePool p;
        byte[] old;
        synchronized (this) {
            p = pool;
            old = ticket;
        }
        if (p == null || old == null) {
            return;
        }
        LoginReply reply;
        byte[] request = null;
        try {
            request = loginFrame(old);
            counters.logins.increment();
            reply = Wire.decodeLoginReply(p.login(request));
        } catch (SQLException | RemoteException | WireException e) {
            return;
        } finally {
            if (request != null) {
                Arrays.fill(request, (byte) 0); // it held the password
            }
        }
        if (reply.error() != null) {
            return;
        }
        ChannelPool stale;
        synchronized (this) {
            if (ticket != old) {
                return; // the link logged in afresh meanwhile (a reconnect): that ticket stands
            }
            stale = channels;
            adopt(reply);
        }
        if (stale != null) {
            stale.close(); // idle channels now; those in a call when they are given back
        }
    }

    private synchronized void scheduleRenewal(long leaseMillis) {
        if (renewal != null) {
            renewal.cancel(false);
        }
        // Three renewals per lease: two can be lost or late before the daemon reclaims anything.
        long period = Math.max(10, leaseMillis / 3);
        renewal = WeakTask.every(RENEWER, this, l -> runAlone(l.renewing, l::renew), period);
    }

    private void renew() {
        long[] ids = held.stream().mapToLong(h -> h.session).filter(id -> id != 0).toArray();
        if (ids.length == 0) {
            return;
        }
        RemotePool p;
        byte[] t;
        synchronized (this) {
            p = pool;
            t = ticket;
        }
        if (p == null || t == null) {
            return;
        }
        // In chunks: the daemon reads at most Protocol.MAX_RMI_REQUEST_BYTES of one request.
        for (int from = 0; from < ids.length; from += Protocol.MAX_RENEW_SESSIONS) {
            renew(p, t, Arrays.copyOfRange(ids, from, Math.min(ids.length, from + Protocol.MAX_RENEW_SESSIONS)));
        }
    }

    private void renew(RemotePool p, byte[] t, long[] ids) {
        try {
            counters.renewals.increment();
            long[] unknown = p.renew(t, ids);
            if (unknown.length > 0) {
                // Gone in the daemon: stop renewing; the connection learns it at its next call.
                java.util.Set<Long> gone = new java.util.HashSet<>();
                Arrays.stream(unknown).forEach(gone::add);
                held.forEach(h -> {
                    if (gone.contains(h.session)) {
                        h.session = 0;
                    }
                });
            }
        } catch (RemoteException e) {
            // The next application call reports the broken link; renewal just tries again next period.
        }
    }

    /**
     * Gives back the sessions of closed connections, stops renewing and closes idle
     * channels; sessions still held expire on the daemon after their lease.
     */
    public synchronized void close() {
        flushReleases();
        ExitFlush.closed(this);
        if (renewal != null) {
            renewal.cancel(false);
            renewal = null;
        }
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
        ChannelPool current = channels;
        if (current != null) {
            current.close(); // a connection still open keeps its ticket: it opens a channel per call from now on
        }
    }

    /** The daemon's answer could not be decoded: a daemon of another version, most likely. */
    private SQLException protocolViolation(String what, WireException e) {
        counters.linkFailures.increment();
        return new SQLNonTransientConnectionException("could not read poold's answer while " + what + " pool '"
                + locator.pool() + "' at " + locator.host() + ":" + locator.port() + ": " + e.getMessage(),
                Protocol.STATE_PROTOCOL_VIOLATION, e);
    }

    private SQLException linkFailure(String what, Exception e) {
        counters.linkFailures.increment();
        return new SQLNonTransientConnectionException("lost the link to poold while " + what + " pool '"
                + locator.pool() + "' at " + locator.host() + ":" + locator.port() + ": " + e.getMessage()
                + "; the next getConnection() reconnects", Protocol.STATE_LINK_FAILURE, e);
    }
}
