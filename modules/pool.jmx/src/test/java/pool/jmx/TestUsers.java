package pool.jmx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JMX users a test changes as a reload would: plain passwords, each user's credential
 * the password itself (the daemon passes the stored hash).
 */
public final class TestUsers implements JmxUsers {

    private final Map<String, JmxAccount> accounts = new ConcurrentHashMap<>();

    /** Adds or replaces {@code name}, as a reload that declares the user so. */
    public TestUsers with(String name, String password, JmxRole role) {
        accounts.put(name, new JmxAccount(name, role, password));
        return this;
    }

    /** Removes {@code name}, as a reload that no longer declares the user. */
    public void remove(String name) {
        accounts.remove(name);
    }

    public JmxAccount account(String name) {
        return accounts.get(name);
    }

    @Override
    public JmxAccount authenticate(String user, char[] password) {
        JmxAccount a = accounts.get(user);
        return a != null && a.credential().equals(new String(password)) ? a : null;
    }

    @Override
    public JmxAccount find(String user) {
        return accounts.get(user);
    }
}
