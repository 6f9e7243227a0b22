package pool.daemon.config;

import java.util.List;

/** The database a pool talks to, as the {@code driver} attribute names it. */
public enum DriverKind {
    POSTGRESQL("postgresql", List.of("jdbc:postgresql:"), "org.postgresql.Driver",
            "jdbc:postgresql://HOST:PORT/DATABASE"),
    MARIADB("mariadb", List.of("jdbc:mariadb:", "jdbc:mysql:"), "org.mariadb.jdbc.Driver",
            "jdbc:mariadb://HOST:PORT/DATABASE"),
    /** Embedded, for the default configuration and trying poold out; not for production. */
    H2("h2", List.of("jdbc:h2:"), "org.h2.Driver", "jdbc:h2:mem:NAME");

    private final String xmlName;
    private final List<String> urlPrefixes;
    private final String driverClass;
    private final String urlForm;

    DriverKind(String xmlName, List<String> urlPrefixes, String driverClass, String urlForm) {
        this.xmlName = xmlName;
        this.urlPrefixes = urlPrefixes;
        this.driverClass = driverClass;
        this.urlForm = urlForm;
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

    /**
     * @return {@code jdbcUrl} as the installed driver takes it. MariaDB Connector/J 3 accepts a
     *         {@code jdbc:mysql:} URL only when it holds {@code permitMysqlScheme} (else no
     *         driver answers for it and every connect fails): the file may write either scheme.
     */
    public String driverUrl(String jdbcUrl) {
        if (this != MARIADB || !jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.contains("permitMysqlScheme")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "permitMysqlScheme";
    }

    /**
     * @return null when a JDBC driver of this process accepts {@code jdbcUrl}, else what is
     *         missing and where it goes: the image's drivers are the jars of its {@code drivers/}
     *         folder, and a missing one would otherwise show only as every connect failing. An
     *         installed driver that cannot read the URL (pgjdbc refuses a port it cannot parse)
     *         is said as such: the jar is there, the URL is what to fix.
     */
    public String missingDriver(String jdbcUrl) {
        try {
            java.sql.DriverManager.getDriver(jdbcUrl);
            return null;
        } catch (java.sql.SQLException e) {
            if (java.sql.DriverManager.drivers().anyMatch(d -> d.getClass().getName().equals(driverClass))) {
                // The URL is not quoted: it may hold a password, and the problem names its line.
                return "jdbcUrl is not a URL the installed " + xmlName + " driver can read: write it as " + urlForm
                        + (this == H2 ? "" : " (the port a number from 1 to 65535)") + ", and the user and password"
                        + " in <user> and <password>";
            }
            String jar = switch (this) {
                case POSTGRESQL -> "pgjdbc (postgresql-VERSION.jar)";
                case MARIADB -> "MariaDB Connector/J (mariadb-java-client-VERSION.jar)";
                case H2 -> "H2 (h2-VERSION.jar)";
            };
            return "no JDBC driver for driver=\"" + xmlName + "\" is installed: put " + jar + " into "
                    + java.nio.file.Path.of(System.getProperty("java.home"), "drivers") + " and restart poold";
        }
    }
}
