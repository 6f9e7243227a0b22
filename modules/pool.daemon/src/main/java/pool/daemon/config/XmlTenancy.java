package pool.daemon.config;

import java.util.ArrayList;
import java.util.List;

/** Binding of a pool's {@code <tenancy>}; values as written, mapped by {@link TenancyMapper}. */
final class XmlTenancy {
    String mode;
    String unknownTenants;
    Integer maxTenants;
    String atMax;
    XmlTenantLimits defaultTenant;
    List<XmlTenantLimits> tenants = new ArrayList<>();

    /** Binding of {@code <defaultTenant>} and {@code <tenant name=>}. */
    static final class XmlTenantLimits {
        String name;
        Integer min;
        Integer max;
        Integer weight;
    }
}
