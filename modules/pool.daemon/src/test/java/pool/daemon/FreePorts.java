package pool.daemon;

import pool.testsupport.net.ReservedPorts;

/** Free loopback ports, so that test daemons never collide with a running poold on 1099 or with each other. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * @return a port that stays reserved for this JVM's test daemons until it exits: nothing
     *         else takes it between the moment it is handed out and a daemon's start, nor
     *         while a daemon restarts on it (see {@link ReservedPorts}); never the same twice
     */
    public static int loopback() {
        return ReservedPorts.loopback();
    }
}
