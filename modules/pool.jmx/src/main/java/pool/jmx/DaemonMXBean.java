package pool.jmx;

import java.util.List;

/**
 * The daemon as JMX shows it, registered as {@code poold:type=Daemon}. Notification:
 * {@value DaemonBean#CONFIG_RELOADED} after every reload that was applied, whether a
 * signal, this bean or the API asked for it.
 */
public interface DaemonMXBean {

    @Description("The pools running now, by name")
    List<String> getPools();

    @Description("The configuration file the daemon reads on start and reload")
    String getConfigFile();

    @Description("When the daemon started, ISO-8601 UTC")
    String getStartedAt();

    @Description("Password checks since the daemon started: pool and JMX logins, accepted or wrong (refused logins"
            + " are not checked). Each costs a full PBKDF2 derivation; clients log in once and then use tickets, so a"
            + " steady rise means a client that logs in again and again (a data source made per request)")
    long getPasswordChecks();

    @Description("Re-reads the configuration file and applies it, as SIGHUP does: returns what changed, or why"
            + " nothing did (an invalid file changes nothing)")
    String reload();
}
