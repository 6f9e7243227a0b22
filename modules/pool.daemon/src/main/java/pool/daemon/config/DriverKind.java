package pool.daemon.config;

import java.util.List;

/** The database a pool talks to, as the {@code driver} attribute names it. */
public enum DriverKind {
    POSTGRESQL("postgresql", List.of("jdbc:postgresql:")),
    MARIADB("mariadb", List.of("jdbc:mariadb:", "jdbc:mysql:")),
    /** Embedded, for the default configuration and trying poold out; not for production. */
    H2("h2", List.of("jdbc:h2:"));

    private final String xmlName;
    private final List<String> urlPrefixes;

    DriverKind(String xmlName, List<String> urlPrefixes) {
        this.xmlName = xmlName;
        this.urlPrefixes = urlPrefixes;
    }

    /** @return the kind the schema's {@code driver} attribute value names */
    static DriverKind ofXml(String value) {
        for (DriverKind k : values()) {
            if (k.xmlName.equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown driver '" + value + "': use postgresql, mariadb or h2");
    }

    /** @return whether {@code jdbcUrl} is one this kind's driver accepts */
    public boolean accepts(String jdbcUrl) {
        return urlPrefixes.stream().anyMatch(jdbcUrl::startsWith);
    }

    /** @return the URL prefixes this kind's driver accepts, for error messages */
    public List<String> urlPrefixes() {
        return urlPrefixes;
    }

    public String xmlName() {
        return xmlName;
    }
}
