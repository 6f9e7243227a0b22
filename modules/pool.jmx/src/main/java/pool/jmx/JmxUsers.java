package pool.jmx;

/**
 * The JMX users of the configuration in force. The connector asks at every login and
 * again on every request, so a reload that removes a user, changes a password or
 * changes a role applies to open sessions at their next request.
 */
public interface JmxUsers {

    /**
     * Checks a login. Slow on purpose (password hashing): the implementation bounds how
     * many run at once and logs failures with the client's address (it runs on the login's
     * RMI thread, where {@code java.rmi.server.RemoteServer.getClientHost()} names it), and
     * may refuse a login without checking it by throwing a {@link SecurityException} whose
     * message the client sees.
     *
     * @param password the caller's to clear
     * @return the user's account when {@code password} is theirs, else null
     */
    JmxAccount authenticate(String user, char[] password);

    /** @return the account of {@code user} in the configuration in force now, or null when there is none */
    JmxAccount find(String user);
}
