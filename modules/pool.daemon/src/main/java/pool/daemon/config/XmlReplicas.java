package pool.daemon.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Binding of a pool's {@code <replicas>}: values as written, null when absent (absent
 * settings take {@link pool.api.Replicas.Builder}'s defaults).
 */
final class XmlReplicas {
    String maxLag;
    String readAfterWrite;
    String readAfterWriteWindow;
    String whenNoReplica;
    String checkInterval;
    List<Replica> replicas = new ArrayList<>();

    /** Binding of {@code <replica name=""><jdbcUrl>...</jdbcUrl></replica>}. */
    static final class Replica {
        String name;
        String jdbcUrl;
    }
}
