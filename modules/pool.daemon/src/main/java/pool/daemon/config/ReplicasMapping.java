package pool.daemon.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import pool.api.Durations;
import pool.api.PoolConfig;
import pool.api.Replicas;

/**
 * Maps a pool's {@code <replicas>} to {@link Replicas} on the pool's builder, recording each
 * problem at the line and column of the element at fault: replica URLs for another driver
 * than the pool's or holding {@code ${...}}, names used twice, unusable durations, replicas
 * of an H2 pool.
 */
final class ReplicasMapping {

    private final ElementLocations at;
    private final ConfigProblems problems;
    private final Consumer<Location> inlineSecret;

    /** @param inlineSecret told where a replica's URL holds a secret ({@code ?password=...}) */
    ReplicasMapping(ElementLocations at, ConfigProblems problems, Consumer<Location> inlineSecret) {
        this.at = at;
        this.problems = problems;
        this.inlineSecret = inlineSecret;
    }

    /** Sets {@code b.replicas(...)} from {@code x}, if present and usable. */
    void map(XmlReplicas x, String poolPath, String pool, DriverKind driver, PoolConfig.Builder b) {
        if (x == null) {
            return;
        }
        String path = ElementLocations.child(poolPath, "replicas", 1);
        Location where = at.of(path);
        int before = problems.count();
        String prefix = "pool '" + pool + "': ";
        if (driver == DriverKind.H2) {
            problems.add(where, prefix + "replicas are for driver=\"postgresql\" and driver=\"mariadb\" pools:"
                    + " remove <replicas> or change the driver");
            return;
        }
        Replicas.Builder r = Replicas.builder();
        Map<String, Location> names = new HashMap<>();
        for (int i = 0; i < x.replicas.size(); i++) {
            XmlReplicas.Replica replica = x.replicas.get(i);
            String replicaPath = ElementLocations.child(path, "replica", i + 1);
            if (replica.name == null) {
                problems.add(at.of(replicaPath), prefix + "a <replica> needs its name"); // as the schema says, on this line
                continue;
            }
            String name = replica.name.strip();
            Location first = names.putIfAbsent(name, at.of(replicaPath));
            if (first != null) {
                problems.add(at.of(replicaPath), prefix + "replica name '" + name + "' is used twice (first at line "
                        + first.line() + "): give each replica its own name");
                continue;
            }
            Location urlAt = at.of(ElementLocations.child(replicaPath, "jdbcUrl", 1));
            String url = replica.jdbcUrl == null ? "" : replica.jdbcUrl.strip();
            if (url.contains("${")) {
                problems.add(urlAt, prefix + "replica '" + name + "': jdbcUrl cannot hold a ${...} reference, because"
                        + " the URL is logged: the replicas log in with the pool's user and password");
            } else if (!driver.accepts(url)) {
                problems.add(urlAt, prefix + "replica '" + name + "': jdbcUrl does not match driver=\""
                        + driver.xmlName() + "\": it must start with " + String.join(" or ", driver.urlPrefixes()));
            } else {
                // The pool's own jdbcUrl has been checked for an installed driver: the same driver serves this one.
                r.replica(name, driver.driverUrl(url));
                if (ConfigMapper.holdsSecret(url)) {
                    inlineSecret.accept(urlAt);
                }
            }
        }
        duration(x.maxLag, where, prefix + "replicas maxLag", r::maxLag);
        duration(x.readAfterWriteWindow, where, prefix + "replicas readAfterWriteWindow", r::readAfterWriteWindow);
        duration(x.checkInterval, where, prefix + "replicas checkInterval", r::checkInterval);
        if (x.readAfterWrite != null) {
            // pools.xsd enumerates position, window and off; the file was validated.
            r.readAfterWrite(Replicas.ReadAfterWrite.valueOf(x.readAfterWrite.strip().toUpperCase(Locale.ROOT)));
        }
        if (x.whenNoReplica != null) {
            r.whenNoReplica(Replicas.WhenNoReplica.valueOf(x.whenNoReplica.strip().toUpperCase(Locale.ROOT)));
        }
        if (problems.count() != before) {
            return;
        }
        try {
            b.replicas(r.build());
        } catch (IllegalArgumentException e) {
            problems.add(where, prefix + e.getMessage());
        }
    }

    private void duration(String raw, Location where, String what, Consumer<Duration> setter) {
        if (raw == null) {
            return;
        }
        try {
            Duration d = Durations.parse(raw.strip());
            if (d.isZero() || d.isNegative()) {
                problems.add(where, what + " must be above 0; got " + raw.strip());
            } else {
                setter.accept(d);
            }
        } catch (IllegalArgumentException e) {
            problems.add(where, what + ": " + e.getMessage());
        }
    }
}
