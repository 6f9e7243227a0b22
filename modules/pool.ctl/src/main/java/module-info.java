/**
 * {@code poolctl}: the daemon's JMX beans from the command line. A JMX client only: it
 * needs the MXBean interfaces of {@code pool.jmx} and the JDK's JMX over RMI, never the
 * engine, the XML binding or a JDBC driver, so it starts small and fast from the image.
 */
module pool.ctl {
    requires pool.jmx;
    requires pool.protocol;
    requires java.management.rmi;
}
