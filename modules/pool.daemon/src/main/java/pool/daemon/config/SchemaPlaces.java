package pool.daemon.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Where each element of pools.xsd may stand, read from the schema itself, so that an element
 * the schema refuses where it stands is explained by what is actually wrong: given twice in
 * its parent, given after a sibling it must precede, or put in a parent it does not belong to.
 * The parser only says "not allowed here", which covers all three.
 */
final class SchemaPlaces {

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    /** Element name to the names of the elements it may contain (merged over same-named elements). */
    private static final Map<String, Set<String>> CHILDREN = read();

    private SchemaPlaces() {
    }

    /**
     * @param element  the element refused where it stands
     * @param parent   the element it stands in
     * @param siblings the parent's children before it, each with where it was first given, in file order
     * @param allowed  what the parser allows at this point (may be empty)
     * @return the message saying what to change, or null when nothing better than the parser's
     *         explanation is known (the root's children, an element the schema does not declare)
     */
    static String refused(String element, String parent, Map<String, Location> siblings, List<String> allowed) {
        Set<String> takes = CHILDREN.get(parent);
        if (takes == null || !CHILDREN.containsKey(element) && !declaredChild(element)) {
            return null;
        }
        Location first = siblings.get(element);
        if (first != null) {
            return "element <" + element + "> is given twice in <" + parent + "> (first at " + at(first)
                    + "): keep one.";
        }
        if (takes.contains(element)) {
            Map.Entry<String, Location> before = siblings.entrySet().iterator().next();
            return "element <" + element + "> comes too late in <" + parent + ">: it must come before <"
                    + before.getKey() + "> (" + at(before.getValue()) + "); move it up.";
        }
        String refusal = "element <" + element + "> does not belong in <" + parent + ">";
        if (parent.equals("replica") && (element.equals("user") || element.equals("password"))) {
            return refusal + ". A <replica> takes only its <jdbcUrl>: replicas log in with the pool's <user> and"
                    + " <password>.";
        }
        List<String> homes = new ArrayList<>();
        CHILDREN.forEach((p, c) -> {
            if (c.contains(element)) {
                homes.add("<" + p + ">");
            }
        });
        homes.sort(null);
        return refusal + (homes.isEmpty() ? "" : ": it goes in " + String.join(" or ", homes)) + "."
                + (allowed.isEmpty() ? "" : " Allowed here: " + String.join(", ", allowed) + ".");
    }

    private static boolean declaredChild(String element) {
        return CHILDREN.values().stream().anyMatch(c -> c.contains(element));
    }

    private static String at(Location l) {
        return "line " + l.line() + ", column " + Math.max(1, l.column());
    }

    private static Map<String, Set<String>> read() {
        try (InputStream in = SchemaPlaces.class.getResourceAsStream("pools.xsd")) {
            if (in == null) {
                return Map.of();
            }
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            Element schema = f.newDocumentBuilder().parse(in).getDocumentElement();
            Map<String, Element> types = new HashMap<>();
            for (Node n = schema.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && XS.equals(e.getNamespaceURI()) && e.getLocalName().equals("complexType")) {
                    types.put(e.getAttribute("name"), e);
                }
            }
            Map<String, Set<String>> children = new HashMap<>();
            var all = schema.getElementsByTagNameNS(XS, "element");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                Element type = typeOf(e, types);
                if (type != null) {
                    Set<String> names = children.computeIfAbsent(e.getAttribute("name"), k -> new LinkedHashSet<>());
                    collect(type, names);
                }
            }
            return Map.copyOf(children);
        } catch (IOException | ParserConfigurationException | SAXException e) {
            // Only the explanations get poorer: the schema check itself does not depend on this.
            return Map.of();
        }
    }

    /** @return the complex type of an element declaration: inline, or named by its type attribute; null for simple ones */
    private static Element typeOf(Element declaration, Map<String, Element> types) {
        for (Node n = declaration.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XS.equals(e.getNamespaceURI()) && e.getLocalName().equals("complexType")) {
                return e;
            }
        }
        String type = declaration.getAttribute("type");
        return types.get(type.substring(type.indexOf(':') + 1));
    }

    /** Adds the element names a complex type contains directly, not those of its children's types. */
    private static void collect(Node node, Set<String> names) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XS.equals(e.getNamespaceURI())) {
                if (e.getLocalName().equals("element")) {
                    names.add(e.getAttribute("name"));
                } else {
                    collect(e, names);
                }
            }
        }
    }
}
