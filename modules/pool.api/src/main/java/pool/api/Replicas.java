package pool.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The replicas of a pool whose {@link PoolConfig#jdbcUrl()} is the primary: reads go to a
 * healthy replica within {@link #maxLag()}, everything else to the primary. The XML
 * {@code <replicas>} element of a pool; in-process {@link PoolConfig.Builder#replicas(Replicas)}.
 * Each replica gets a pool of its own with the primary pool's credentials and settings.
 *
 * @param servers              the replicas, at least one, names unique
 * @param maxLag               a replica further behind the primary than this takes no reads
 *                             until it catches up. Default 2 s
 * @param readAfterWrite       how a session reads its own writes; default {@link ReadAfterWrite#POSITION}
 * @param readAfterWriteWindow with {@link ReadAfterWrite#WINDOW} (and where no position can be
 *                             read), how long after a write the session's reads stay on the
 *                             primary. Default: {@code maxLag}
 * @param whenNoReplica        where reads go when no replica is usable; default {@link WhenNoReplica#PRIMARY}
 * @param checkInterval        how often each replica's health and lag are measured in the
 *                             background. Default 1 s
 */
public record Replicas(List<Replica> servers, Duration maxLag, ReadAfterWrite readAfterWrite,
        Duration readAfterWriteWindow, WhenNoReplica whenNoReplica, Duration checkInterval) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** One replica: its name (unique in the pool; JMX and Prometheus show it) and its JDBC URL. */
    public record Replica(String name, String jdbcUrl) {
        public Replica {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("replica name must be 1-64 letters, digits, '_' or '-', "
                        + "starting with a letter or digit; got " + (name == null ? "null" : "'" + name + "'"));
            }
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
                throw new IllegalArgumentException("replica '" + name + "': jdbcUrl must be a JDBC URL starting with 'jdbc:'");
            }
        }

        /** Masks secrets the URL may hold. */
        @Override
        public String toString() {
            return "Replica[name=" + name + ", jdbcUrl=" + pool.api.spi.Redaction.mask(jdbcUrl) + "]";
        }
    }

    /** How a session that wrote reads its own writes. */
    public enum ReadAfterWrite {
        /**
         * Its reads stay on the primary until a replica has replayed past the write
         * (PostgreSQL WAL LSN, MariaDB GTID); then that replica serves them.
         */
        POSITION,
        /** Its reads stay on the primary for {@link #readAfterWriteWindow()} after each write. */
        WINDOW,
        /** Reads go to replicas at once; a session may not see its own write. */
        OFF
    }

    /** Where reads go when no replica is usable. */
    public enum WhenNoReplica {
        /** To the primary. */
        PRIMARY,
        /** Nowhere: the read fails with an SQLException saying no replica is usable. */
        FAIL
    }

    public Replicas {
        servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("replicas: name at least one replica");
        }
        Set<String> names = new HashSet<>();
        for (Replica r : servers) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("replicas: the name '" + r.name() + "' is used twice");
            }
        }
        positive("maxLag", maxLag);
        Objects.requireNonNull(readAfterWrite, "readAfterWrite");
        positive("readAfterWriteWindow", readAfterWriteWindow);
        Objects.requireNonNull(whenNoReplica, "whenNoReplica");
        positive("checkInterval", checkInterval);
    }

    private static void positive(String setting, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("replicas: " + setting + " must be a duration > 0; got " + d);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link Replicas}; every setting starts at its default. */
    public static final class Builder {
        private final List<Replica> servers = new ArrayList<>();
        private Duration maxLag = Duration.ofSeconds(2);
        private ReadAfterWrite readAfterWrite = ReadAfterWrite.POSITION;
        private Duration readAfterWriteWindow;
        private WhenNoReplica whenNoReplica = WhenNoReplica.PRIMARY;
        private Duration checkInterval = Duration.ofSeconds(1);

        private Builder() {
        }

        /** Adds a replica. */
        public Builder replica(String name, String jdbcUrl) {
            servers.add(new Replica(name, jdbcUrl));
            return this;
        }

        /** Lag above which a replica takes no reads. Default 2 s. */
        public Builder maxLag(Duration d) { this.maxLag = d; return this; }

        /** Default {@link ReadAfterWrite#POSITION}. */
        public Builder readAfterWrite(ReadAfterWrite r) { this.readAfterWrite = r; return this; }

        /** Reads after a write stay on the primary this long under {@link ReadAfterWrite#WINDOW}. Default: maxLag. */
        public Builder readAfterWriteWindow(Duration d) { this.readAfterWriteWindow = d; return this; }

        /** Default {@link WhenNoReplica#PRIMARY}. */
        public Builder whenNoReplica(WhenNoReplica w) { this.whenNoReplica = w; return this; }

        /** Interval of the background health and lag checks. Default 1 s. */
        public Builder checkInterval(Duration d) { this.checkInterval = d; return this; }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the first setting that is invalid
         */
        public Replicas build() {
            return new Replicas(servers, maxLag, readAfterWrite,
                    readAfterWriteWindow == null ? maxLag : readAfterWriteWindow, whenNoReplica, checkInterval);
        }
    }
}
