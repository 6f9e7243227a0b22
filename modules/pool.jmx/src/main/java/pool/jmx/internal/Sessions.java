package pool.jmx.internal;

import java.util.Set;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import pool.jmx.JmxAccount;
import pool.jmx.JmxRole;
import pool.jmx.JmxUsers;

/**
 * Who calls through the connector, with which role now. A login's Subject carries the
 * {@link JmxAccount} it proved; each request checks it against the configuration in
 * force, so a reload that removes the user or changes the password ends the session at
 * its next request, and a changed role applies to that request.
 */
public final class Sessions {

    private final JmxUsers users;

    public Sessions(JmxUsers users) {
        this.users = users;
    }

    /**
     * @return the Subject of a session opened by a login as {@code account}: its name as a
     *         {@link JMXPrincipal} (connection ids show it), the account as a private credential
     */
    public static Subject subjectOf(JmxAccount account) {
        return new Subject(true, Set.of(new JMXPrincipal(account.name())), Set.of(), Set.of(account));
    }

    /**
     * The caller of a request only the connector itself makes without a login, such as
     * its notification buffer reading which beans emit notifications. Every client
     * request runs under the Subject of its login.
     *
     * @return the caller's account now, or null when the call has no Subject
     * @throws SecurityException when the login no longer holds
     */
    JmxAccount callerIfAny() {
        Subject subject = Subject.current();
        return subject == null ? null : accountNow(subject);
    }

    /**
     * @return the caller's account now
     * @throws SecurityException when there is no login or it no longer holds
     */
    JmxAccount caller() {
        Subject subject = Subject.current();
        if (subject == null) {
            throw new SecurityException("poold's JMX connector serves logged-in users only");
        }
        return accountNow(subject);
    }

    /** @return the account the login of {@code subject} proved, or null when it is not a login's */
    static JmxAccount loginOf(Subject subject) {
        Set<JmxAccount> proved = subject == null ? Set.of() : subject.getPrivateCredentials(JmxAccount.class);
        return proved.size() == 1 ? proved.iterator().next() : null;
    }

    private JmxAccount accountNow(Subject subject) {
        JmxAccount atLogin = loginOf(subject);
        if (atLogin == null) {
            throw new SecurityException("poold's JMX connector serves logged-in users only");
        }
        JmxAccount now = users.find(atLogin.name());
        if (!atLogin.sameLogin(now)) {
            throw new SecurityException("JMX user '" + atLogin.name() + "' was removed or given another password"
                    + " by a configuration reload: log in again");
        }
        return now;
    }

    /** @return the refusal a user without {@code needed} gets for {@code what} */
    static SecurityException lacks(JmxAccount who, JmxRole needed, String what) {
        return new SecurityException("JMX user '" + who.name() + "' has role " + who.role().xmlName()
                + ", which only reads: " + what + " needs role " + needed.xmlName());
    }
}
