package pool.daemon.config;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** Binding of {@code <clients>}. */
final class XmlClients {
    @XmlElement(name = "user")
    List<User> users = new ArrayList<>();

    /** Binding of {@code <clients><user name= hash= tenants=/>}. */
    static final class User {
        @XmlAttribute(required = true)
        String name;
        @XmlAttribute(required = true)
        String hash;
        /** The tenants the user may claim, whitespace-separated; null for any. */
        @XmlAttribute
        String tenants;
    }
}
