package pool.daemon.config;

import java.util.ArrayList;
import java.util.List;

/** Binding of the root element {@code <poold>}; checked against pools.xsd before it is filled. */
final class XmlPoold {
    XmlDaemon daemon;
    XmlClients clients;
    XmlJmx jmx;
    List<XmlPool> pools = new ArrayList<>();
}
