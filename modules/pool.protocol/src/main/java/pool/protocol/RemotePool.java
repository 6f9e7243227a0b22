package pool.protocol;

import java.rmi.Remote;
import java.rmi.RemoteException;

/**
 * One published pool, bound in the daemon's registry as {@code pools/<name>}.
 *
 * <p>There is one exported object per pool and no exported object per borrowed
 * connection: a remote object handed to a client costs the client a synchronous
 * distributed-GC "dirty" call on receipt, an extra round trip on every borrow. A
 * borrowed connection is instead a <em>session</em> named by a number, usable only
 * together with the login ticket that opened it.
 *
 * <p>RMI carries the lookup, logins, lease renewals and cancels only. The calls that do
 * the work ({@link Call}, answered by a {@link Reply}) travel over call channels to the
 * same port ({@link CallChannel}), opened with the ticket a login issued: RMI would cost
 * each of them a fresh object stream and, on loopback, a ping round trip.
 *
 * <p>Logins travel as {@code byte[]} frames of the {@link Wire} format rather than as
 * serialized records, so the daemon deserializes nothing but small flat values here
 * (see {@link ProtocolFilter}); tickets travel as {@code byte[]} of a fixed length for the same
 * reason: a serialization filter bounds an array's length before it is allocated, never a
 * {@code String}'s. {@link RemoteException} means the call itself failed
 * (network, daemon).
 */
public interface RemotePool extends Remote {

    /**
     * Checks a user's password (slow by design: PBKDF2) and issues a ticket that
     * later calls carry instead of the password.
     *
     * @param request a {@link LoginRequest} encoded by {@link Wire#encode(LoginRequest)}
     * @return a {@link LoginReply} encoded by {@link Wire#encode(LoginReply)}; a frame the
     *         daemon cannot decode is answered with an error (SQLState 08P01)
     */
    byte[] login(byte[] request) throws RemoteException;

    /**
     * Renews the leases of sessions the client still holds but has not used lately.
     *
     * @param ticket   the login ticket ({@link Protocol#TICKET_BYTES} bytes)
     * @param sessions at most {@link Protocol#MAX_RENEW_SESSIONS} sessions; a client holding
     *                 more renews them in several calls
     * @return the sessions among {@code sessions} the daemon no longer knows (their
     *         lease expired or the daemon restarted); empty when all were renewed
     */
    long[] renew(byte[] ticket, long[] sessions) throws RemoteException;

    /**
     * Cancels the statement running now, if any, on the connection the client calls
     * {@code handle} (JDBC {@code Statement.cancel()}).
     *
     * @param ticket the login ticket ({@link Protocol#TICKET_BYTES} bytes)
     */
    void cancel(byte[] ticket, long handle) throws RemoteException;
}
