package pool.daemon.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Binds a file that passed {@link SchemaCheck} to the {@code Xml*} model, recording
 * where every element starts. The SAX events go through a filter that notes
 * locations on their way to an {@link XmlTree.Builder}, so the file is parsed once for
 * both. An attribute, or an element holding only text, sets the model's field of the
 * same name (text as written; numbers and booleans as the schema's types read them);
 * the elements that hold others and the repeated ones are bound here by name.
 */
final class XmlBinder {

    record Bound(XmlPoold root, ElementLocations locations) {
    }

    Bound bind(Path file, byte[] content) throws SAXException, IOException {
        XmlTree.Builder tree = new XmlTree.Builder();
        ElementLocations locations = new ElementLocations(file);
        XMLReader reader = SecureXml.newReader();
        LocationFilter filter = new LocationFilter(reader, locations);
        filter.setContentHandler(tree);
        InputSource in = new InputSource(new ByteArrayInputStream(content));
        in.setSystemId(file.toUri().toString());
        filter.parse(in);
        return new Bound(poold(tree.root()), locations);
    }

    private static XmlPoold poold(XmlTree e) {
        XmlPoold x = new XmlPoold();
        for (XmlTree c : e.children()) {
            switch (c.name()) {
                case "daemon" -> x.daemon = fill(c, new XmlDaemon(), (daemon, child) -> {
                    if (!child.name().equals("tls")) {
                        return false;
                    }
                    daemon.tls = fill(child, new XmlDaemon.XmlTls());
                    return true;
                });
                case "clients" -> x.clients = fill(c, new XmlClients(), (clients, user) ->
                        clients.users.add(fill(user, new XmlClients.User())));
                case "jmx" -> x.jmx = fill(c, new XmlJmx(), (jmx, user) -> jmx.users.add(fill(user, new XmlJmx.User())));
                case "pool" -> x.pools.add(pool(c));
                default -> throw unbound(c);
            }
        }
        return x;
    }

    private static XmlPool pool(XmlTree e) {
        return fill(e, new XmlPool(), (pool, child) -> {
            switch (child.name()) {
                case "driverProperties" -> child.children().forEach(p -> pool.driverProperties.add(fill(p, new XmlPool.Property())));
                case "h2UnprivilegedUser" -> pool.h2UnprivilegedUser = fill(child, new XmlPool.H2User());
                case "replicas" -> pool.replicas = fill(child, new XmlReplicas(), (replicas, replica) ->
                        replicas.replicas.add(fill(replica, new XmlReplicas.Replica())));
                case "tenancy" -> pool.tenancy = fill(child, new XmlTenancy(), (tenancy, t) -> {
                    XmlTenancy.XmlTenantLimits limits = fill(t, new XmlTenancy.XmlTenantLimits());
                    if (t.name().equals("defaultTenant")) {
                        tenancy.defaultTenant = limits;
                    } else {
                        tenancy.tenants.add(limits);
                    }
                    return true;
                });
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    /** Binds a child element that holds others or repeats; false leaves it to {@link #fill}, as a field of text. */
    @FunctionalInterface
    private interface Children<T> {
        boolean bind(T target, XmlTree child);
    }

    private static <T> T fill(XmlTree e, T target) {
        return fill(e, target, (t, child) -> false);
    }

    /** Sets {@code target}'s fields from {@code e}'s attributes and text-only children; the others go to {@code children}. */
    private static <T> T fill(XmlTree e, T target, Children<T> children) {
        e.attributes().forEach((name, value) -> set(target, name, value));
        for (XmlTree c : e.children()) {
            if (!children.bind(target, c)) {
                if (!c.children().isEmpty()) {
                    throw unbound(c);
                }
                set(target, c.name(), c.text());
            }
        }
        return target;
    }

    /** The schema admits an element this binding does not know: a bug, never the file's fault. */
    private static IllegalStateException unbound(XmlTree e) {
        return new IllegalStateException("no binding for <" + e.name() + ">");
    }

    private static void set(Object target, String name, String value) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            Class<?> type = f.getType();
            if (type == String.class) {
                f.set(target, value);
            } else if (type == Integer.class) {
                f.set(target, Integer.valueOf(value.strip()));
            } else if (type == Boolean.class) {
                String v = value.strip();
                f.set(target, v.equals("true") || v.equals("1"));
            } else if (type == Double.class) {
                f.set(target, Double.valueOf(value.strip()));
            } else {
                throw new IllegalStateException(target.getClass().getSimpleName() + "." + name + " is no text field");
            }
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException(target.getClass().getSimpleName() + " has no field for " + name, e);
        }
    }

    /** Notes each element's start as a path with 1-based sibling indexes. */
    private static final class LocationFilter extends XMLFilterImpl {
        private final ElementLocations locations;
        private final Deque<String> paths = new ArrayDeque<>();
        private final Deque<Map<String, Integer>> siblingCounts = new ArrayDeque<>();
        private Locator locator;

        LocationFilter(XMLReader parent, ElementLocations locations) {
            super(parent);
            this.locations = locations;
            siblingCounts.push(new HashMap<>());
            paths.push("");
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            super.setDocumentLocator(locator);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            int index = siblingCounts.peek().merge(localName, 1, Integer::sum);
            String path = ElementLocations.child(paths.peek(), localName, index);
            if (locator != null) {
                locations.put(path, locator.getLineNumber(), locator.getColumnNumber());
            }
            paths.push(path);
            siblingCounts.push(new HashMap<>());
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            paths.pop();
            siblingCounts.pop();
            super.endElement(uri, localName, qName);
        }
    }
}
