package pool.daemon.config;

/** Names shared by the schema, the binding and error messages. */
final class XmlNames {
    static final String NAMESPACE = "urn:poold:config:1";

    private XmlNames() {
    }
}
