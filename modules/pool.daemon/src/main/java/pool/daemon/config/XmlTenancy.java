package pool.daemon.config;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** Binding of a pool's {@code <tenancy>}; values as written, mapped by {@link TenancyMapper}. */
final class XmlTenancy {
    @XmlAttribute
    String mode;
    @XmlAttribute
    String unknownTenants;
    @XmlAttribute
    Integer maxTenants;
    @XmlAttribute
    String atMax;
    XmlTenantLimits defaultTenant;
    @XmlElement(name = "tenant")
    List<XmlTenantLimits> tenants = new ArrayList<>();

    /** Binding of {@code <defaultTenant>} and {@code <tenant name=>}. */
    static final class XmlTenantLimits {
        @XmlAttribute
        String name;
        @XmlAttribute
        Integer min;
        @XmlAttribute
        Integer max;
        @XmlAttribute
        Integer weight;
    }
}
