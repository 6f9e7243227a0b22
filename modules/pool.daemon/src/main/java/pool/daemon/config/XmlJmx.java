package pool.daemon.config;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** Binding of {@code <jmx>}. */
final class XmlJmx {
    @XmlElement(name = "user")
    List<User> users = new ArrayList<>();

    /** Binding of {@code <jmx><user name= hash= role=/>}; its type name differs from that of {@code <clients><user>}. */
    @XmlType(name = "jmxUser")
    static final class User {
        @XmlAttribute(required = true)
        String name;
        @XmlAttribute(required = true)
        String hash;
        @XmlAttribute(required = true)
        String role;
    }
}
