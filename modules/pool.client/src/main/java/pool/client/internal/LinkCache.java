package pool.client.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The {@link Links} that data sources with the same settings share, so that a JNDI factory
 * called on every lookup (WildFly's object-factory bindings, an uncached external context,
 * Payara's custom resources) logs in once per settings instead of once per lookup.
 *
 * <p>Bounded in number and in time: at most {@link #CAPACITY} settings, each let go
 * {@link #IDLE} after it was last asked for, least recently used first. Letting go closes
 * nothing, since data sources and connections may still use the links; once none does, the
 * links are collected and end by themselves ({@link WeakTask}, {@link ExitFlush}).
 *
 * <p>Entries are keyed by a digest of the password ({@link SecretDigest}), never the
 * password itself.
 */
public final class LinkCache {

    /** Settings kept at once: far more than the pool bindings of one application server. */
    static final int CAPACITY = 64;

    /** How long settings nobody asks for are kept. */
    static final Duration IDLE = Duration.ofMinutes(15);

    private static final LinkCache SHARED = new LinkCache(CAPACITY, IDLE, System::nanoTime);

    private record Key(Locator locator, String user, String secret, String tenant, long releaseDelayNanos) {
    }

    private static final class Entry {
        final Links links;
        long lastAsked;

        Entry(Links links) {
            this.links = links;
        }
    }

    private final int capacity;
    private final long idleNanos;
    private final LongSupplier clock;
    /** Least recently asked for first. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** @param clock monotonic nanoseconds */
    LinkCache(int capacity, Duration idle, LongSupplier clock) {
        this.capacity = capacity;
        this.idleNanos = idle.toNanos();
        this.clock = clock;
    }

    /** @return the cache of this JVM (of this class loader: of the client's copy of it) */
    public static LinkCache shared() {
        return SHARED;
    }

    /** @return the links for these settings: the ones handed out before, or new ones (which log in when first used) */
    public Links get(Locator locator, String user, char[] password, String tenant, Duration releaseDelay) {
        Key key = new Key(locator, user == null ? "" : user, SecretDigest.of(password), tenant, releaseDelay.toNanos());
        synchronized (this) {
            long now = clock.getAsLong();
            letGoIdle(now);
            Entry e = entries.get(key);
            if (e == null) {
                e = new Entry(new Links(locator, user, password, tenant, releaseDelay));
                entries.put(key, e);
                if (entries.size() > capacity) {
                    Iterator<Entry> eldest = entries.values().iterator();
                    eldest.next();
                    eldest.remove();
                }
            }
            e.lastAsked = now;
            return e.links;
        }
    }

    private void letGoIdle(long now) {
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue().lastAsked < idleNanos) {
                return; // in access order: the rest were asked for later
            }
            it.remove();
        }
    }

    /** @return how many settings are kept now */
    synchronized int size() {
        return entries.size();
    }
}
