package pool.ctl;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import pool.jmx.DaemonBean;
import pool.jmx.DaemonMXBean;
import pool.jmx.PoolBeans;
import pool.jmx.PoolMXBean;

/**
 * What a command works with: the daemon's JMX connection, where to write, and whether
 * to write JSON.
 */
record Session(MBeanServerConnection jmx, PrintStream out, PrintStream err, boolean json) {

    DaemonMXBean daemon() {
        return JMX.newMXBeanProxy(jmx, DaemonBean.NAME, DaemonMXBean.class);
    }

    /**
     * @return the pool's bean, or null after telling the user there is no such pool
     */
    PoolMXBean pool(String pool) throws IOException {
        ObjectName on = PoolBeans.nameOf(pool);
        if (!jmx.isRegistered(on)) {
            err.println("poolctl: no pool '" + pool + "' in this daemon (poolctl status lists them)");
            return null;
        }
        return JMX.newMXBeanProxy(jmx, on, PoolMXBean.class);
    }

    /** Prints {@code data} as JSON with {@code --json}, else {@code human}. */
    void print(Map<String, Object> data, String human) {
        out.println(json ? Json.of(data) : human);
    }

    /**
     * Says a refusal of the pool (an invalid size) as the pool said it: it comes back
     * through JMX as an exception whose root cause holds the pool's words. A refusal for
     * the user's role (SecurityException) is not one: Poolctl reports those.
     *
     * @return {@link Poolctl#REFUSED}
     */
    int refused(RuntimeException e) {
        err.println("poolctl: " + Poolctl.rootMessage(e));
        return Poolctl.REFUSED;
    }
}
