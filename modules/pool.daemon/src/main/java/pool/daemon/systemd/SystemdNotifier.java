package pool.daemon.systemd;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Tells systemd what the daemon is doing, as {@code sd_notify(3)} does for C programs:
 * {@code READY=1} when every pool is up, {@code RELOADING=1} and then {@code READY=1}
 * around a reload, {@code STOPPING=1} when a stop begins, each with a {@code STATUS=}
 * line that {@code systemctl status} shows. The messages go to the Unix datagram socket
 * {@code $NOTIFY_SOCKET} names (a path, or {@code @name} in the abstract namespace), which
 * systemd sets for a {@code Type=notify} service; without it nothing is sent.
 *
 * <p>A message that cannot be sent is logged and otherwise ignored: the daemon serves
 * either way, and systemd applies its own timeouts when it hears nothing.
 */
public final class SystemdNotifier {

    private static final Logger LOG = System.getLogger("poold");

    /** The socket's address; null when systemd is not listening. */
    private final byte[] address;
    private final String socketName;

    private SystemdNotifier(byte[] address, String socketName) {
        this.address = address;
        this.socketName = socketName;
    }

    /** @return a notifier for the socket of {@code $NOTIFY_SOCKET}, or one that sends nothing */
    public static SystemdNotifier fromEnvironment() {
        return forSocket(System.getenv("NOTIFY_SOCKET"));
    }

    /**
     * @param notifySocket what {@code $NOTIFY_SOCKET} holds; null or empty when not run by
     *                     systemd
     * @return a notifier for it; one that sends nothing when there is no socket, when the
     *         name is not one this class can reach (logged), or when native access is not
     *         enabled for this module (logged: the launcher passes
     *         {@code --enable-native-access=pool.daemon})
     */
    public static SystemdNotifier forSocket(String notifySocket) {
        if (notifySocket == null || notifySocket.isEmpty()) {
            return new SystemdNotifier(null, null);
        }
        if (!SystemdNotifier.class.getModule().isNativeAccessEnabled()) {
            LOG.log(Level.WARNING, "NOTIFY_SOCKET is set but native access is not enabled for module pool.daemon"
                    + " (--enable-native-access=pool.daemon): systemd will not hear that poold is ready");
            return new SystemdNotifier(null, null);
        }
        try {
            return new SystemdNotifier(UnixDatagram.address(notifySocket), notifySocket);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "NOTIFY_SOCKET: {0}; systemd will not hear that poold is ready", e.getMessage());
            return new SystemdNotifier(null, null);
        }
    }

    /** @return whether messages go anywhere */
    public boolean active() {
        return address != null;
    }

    /** Every pool is up and published, or a reload has finished (whatever its outcome). */
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    /**
     * A reload begins. {@code MONOTONIC_USEC} is when, on {@code CLOCK_MONOTONIC}, the clock
     * {@link System#nanoTime()} reads on Linux: systemd's {@code Type=notify-reload} wants
     * it, and it tells a reload apart from the next.
     */
    public void reloading(String status) {
        send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000 + "\nSTATUS=" + oneLine(status));
    }

    /** A stop begins: systemd waits for the process to exit, up to TimeoutStopSec. */
    public void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + oneLine(status));
    }

    /** The protocol is one {@code KEY=value} per line: a status keeps to one. */
    private static String oneLine(String status) {
        return status.replace('\n', ' ').replace('\r', ' ');
    }

    private void send(String message) {
        if (address == null) {
            return;
        }
        try {
            UnixDatagram.send(address, message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot tell systemd ''{0}'' through NOTIFY_SOCKET {1}: {2}",
                    message.lines().findFirst().orElse(""), socketName, e.getMessage());
        }
    }
}
