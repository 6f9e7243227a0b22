package pool.client.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a data source holds in the daemon apart from its connections: the {@link Link} of
 * its own user, one per other user and password given to {@code getConnection(user,
 * password)}, and the counters they share. Data sources the JNDI factories make share one
 * per settings ({@link LinkCache}).
 */
public final class Links {

    /**
     * Links of other users kept at once; past this the least recently used is let go (not
     * closed: a connection may still use it, and it ends by itself once nothing does).
     */
    static final int MAX_OTHER_USERS = 16;

    private final Locator locator;
    private final String user;
    private final char[] password;
    private final String tenant;
    private final Duration releaseDelay;
    private final Counters counters = new Counters();
    private final Link own;
    /** By user and the digest of the password, least recently used first. */
    private final Map<String, Link> others = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
            return size() > MAX_OTHER_USERS;
        }
    };

    /**
     * @param releaseDelay how long a closed connection's session may wait for a call to carry
     *                     it back; see {@code RemoteDataSource.Builder#releaseDelay}
     */
    public Links(Locator locator, String user, char[] password, String tenant, Duration releaseDelay) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.user = user;
        this.password = password == null ? new char[0] : password.clone();
        this.tenant = tenant;
        this.releaseDelay = releaseDelay;
        this.own = new Link(locator, user, this.password, tenant, counters, releaseDelay);
    }

    /** @return the link of the data source's own user */
    public Link own() {
        return own;
    }

    /** @return the link of {@code username} with {@code pass}: the own one when they are the data source's */
    public Link of(String username, String pass) {
        char[] p = pass == null ? new char[0] : pass.toCharArray();
        try {
            if (Objects.equals(username, user) && pass != null && Arrays.equals(p, password)) {
                return own;
            }
            // A digest, not a hash code: two passwords whose hash codes collide must not share a login.
            String key = username + '\0' + SecretDigest.of(p);
            synchronized (others) {
                return others.computeIfAbsent(key, k -> new Link(locator, username, p, tenant, counters, releaseDelay));
            }
        } finally {
            Arrays.fill(p, '\0'); // each Link keeps its own copy
        }
    }

    /** @return what these links have asked of the daemon */
    public Counters counters() {
        return counters;
    }

    /** Gives back now the sessions of closed connections that wait for a call to carry them. */
    public void flush() {
        own.flushReleases();
        for (Link l : othersNow()) {
            l.flushReleases();
        }
    }

    /** Rolls back and gives back the open connections borrowed through {@code origin}: see {@link Link#giveBack(Object)}. */
    public void giveBack(Object origin) {
        own.giveBack(origin);
        for (Link l : othersNow()) {
            l.giveBack(origin);
        }
    }

    /** Closes every link: see {@link Link#close()}. */
    public void close() {
        own.close();
        for (Link l : othersNow()) {
            l.close();
        }
    }

    private Link[] othersNow() {
        synchronized (others) {
            return others.values().toArray(new Link[0]);
        }
    }
}
