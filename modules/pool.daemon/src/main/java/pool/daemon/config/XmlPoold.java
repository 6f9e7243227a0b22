package pool.daemon.config;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** Binding of the root element {@code <poold>}; checked against pools.xsd before it is filled. */
@XmlRootElement(name = "poold")
final class XmlPoold {
    XmlDaemon daemon;
    XmlClients clients;
    XmlJmx jmx;
    @XmlElement(name = "pool")
    List<XmlPool> pools = new ArrayList<>();
}
