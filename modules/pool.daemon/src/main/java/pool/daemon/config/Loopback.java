package pool.daemon.config;

import java.net.InetAddress;

/** Whether a configured listen address keeps services on this host. */
public final class Loopback {

    private Loopback() {
    }

    /**
     * @return whether {@code address} is {@code localhost} or a loopback IP literal
     *         (127.0.0.0/8, ::1); a host name is never taken for loopback, because
     *         what it resolves to can change, and it is not resolved here
     */
    public static boolean is(String address) {
        if (address.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.ofLiteral(address).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false; // a host name, or nothing valid (the mapping reports that)
        }
    }
}
