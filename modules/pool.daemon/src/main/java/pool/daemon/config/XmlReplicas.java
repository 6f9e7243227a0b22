package pool.daemon.config;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * Binding of a pool's {@code <replicas>}: values as written, null when absent (absent
 * settings take {@link pool.api.Replicas.Builder}'s defaults).
 */
final class XmlReplicas {
    @XmlAttribute
    String maxLag;
    @XmlAttribute
    String readAfterWrite;
    @XmlAttribute
    String readAfterWriteWindow;
    @XmlAttribute
    String whenNoReplica;
    @XmlAttribute
    String checkInterval;
    @XmlElement(name = "replica")
    List<Replica> replicas = new ArrayList<>();

    /** Binding of {@code <replica name=""><jdbcUrl>...</jdbcUrl></replica>}. */
    static final class Replica {
        @XmlAttribute(required = true)
        String name;
        String jdbcUrl;
    }
}
