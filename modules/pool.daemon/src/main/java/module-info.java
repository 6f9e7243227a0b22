/** The poold daemon: XML-configured named pools, lifecycle, publishing and {@code main}. */
module pool.daemon {
    requires pool.api;
    requires pool.engine;
    requires pool.tenancy;
    requires pool.routing;
    requires pool.jmx;
    requires pool.remote;
    requires pool.protocol;
    requires java.logging;
    requires java.xml;
    requires jakarta.xml.bind;
    requires jdk.unsupported;
    requires jdk.management;

    exports pool.daemon;

    opens pool.daemon.config to jakarta.xml.bind;
}
