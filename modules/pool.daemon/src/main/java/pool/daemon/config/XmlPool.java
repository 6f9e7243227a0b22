package pool.daemon.config;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Binding of one {@code <pool>}. Values stay as written (durations and enums as text)
 * so that the mapping can name the element when one is unusable; null means absent,
 * and absent settings take {@link pool.api.PoolConfig.Builder}'s defaults, the one
 * place defaults live.
 */
final class XmlPool {
    @XmlAttribute(required = true)
    String name;
    @XmlAttribute(required = true)
    String driver;
    @XmlAttribute
    String initialization;
    /** {@code deliberate}, or null: client users may have H2 administrator rights. */
    @XmlAttribute
    String h2Admin;

    String jdbcUrl;
    String user;
    String password;
    @XmlElementWrapper(name = "driverProperties")
    @XmlElement(name = "property")
    List<Property> driverProperties = new ArrayList<>();
    String connectTimeout;
    String socketTimeout;
    String initSql;
    Boolean defaultAutoCommit;
    String defaultTransactionIsolation;
    Boolean defaultReadOnly;
    String defaultCatalog;
    String defaultSchema;
    Integer minIdle;
    Integer maxSize;
    Integer burstMaxSize;
    String burstLifetime;
    String burstWaitThreshold;
    Integer maxPending;
    String borrowTimeout;
    String idleTimeout;
    String maxLifetime;
    String validationSkipWindow;
    String validationTimeout;
    String testQuery;
    String reaperInterval;
    String leakThreshold;
    Boolean leakReclaim;
    String leakStackCapture;
    Double leakStackSampleRate;
    String idleOrder;
    Integer maxConcurrentCreates;
    String createBackoffInitial;
    String createBackoffMax;
    /** The primary's replicas (jdbcUrl is the primary), or null. */
    XmlReplicas replicas;
    /** The daemon's own: who may use the pool remotely (a whitespace-separated list). */
    String clientUsers;
    /** The daemon's own: an H2 in-memory database it creates, with the pool's user unprivileged. */
    H2User h2UnprivilegedUser;
    /** Per-tenant quotas; see {@link TenancyMapper}. */
    XmlTenancy tenancy;

    /** Binding of {@code <h2UnprivilegedUser schema=/>}. */
    static final class H2User {
        @XmlAttribute(required = true)
        String schema;
    }

    /** Binding of {@code <property name= value=/>}. */
    static final class Property {
        @XmlAttribute(required = true)
        String name;
        @XmlAttribute(required = true)
        String value;
    }
}
