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
 * <p>Logins and calls travel as {@code byte[]} frames of the {@link Wire} format rather
 * than as serialized records: RMI writes every call on a fresh object stream, so
 * serialized records would carry their class descriptors on every call, and the daemon
 * deserializes nothing but the frame (see {@link ProtocolFilter}).
 *
 * <p>SQL errors travel as values ({@link Reply#error()}), not as thrown exceptions, so
 * a call that borrowed a session and then failed still tells the client which session
 * it holds. {@link RemoteException} means the call itself failed (network, daemon).
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
     * Runs a list of operations on one session in order, borrowing a new session first
     * when {@link Call#session()} is 0. The first failing operation stops the list; its
     * error is in the reply together with the results of the operations before it.
     *
     * @param call a {@link Call} encoded by {@link Wire#encode(Call)}
     * @return a {@link Reply} encoded by {@link Wire#encode(Reply)}; a frame the daemon
     *         cannot decode is answered with an error (SQLState 08P01)
     */
    byte[] call(byte[] call) throws RemoteException;

    /**
     * Renews the leases of sessions the client still holds but has not used lately.
     *
     * @return the sessions among {@code sessions} the daemon no longer knows (their
     *         lease expired or the daemon restarted); empty when all were renewed
     */
    long[] renew(String ticket, long[] sessions) throws RemoteException;

    /**
     * Cancels the statement running now, if any, on the connection the client calls
     * {@code handle} (JDBC {@code Statement.cancel()}).
     */
    void cancel(String ticket, long handle) throws RemoteException;
}
