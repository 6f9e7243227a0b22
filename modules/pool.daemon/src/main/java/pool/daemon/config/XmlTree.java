package pool.daemon.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A configuration file's elements as SAX reports them: local names, attributes, text and
 * child elements in document order. Built only from a file that passed {@link SchemaCheck},
 * so it needs no checks of its own and keeps no namespace (pools.xsd has one).
 *
 * @param name       the element's local name
 * @param attributes its attributes without a namespace, by local name, as written
 * @param children   its child elements in document order
 * @param text       its character content as written (whitespace included); empty when none
 */
record XmlTree(String name, Map<String, String> attributes, List<XmlTree> children, String text) {

    /** Builds the tree of one document; {@link #root()} after the parse. */
    static final class Builder extends DefaultHandler {
        private final Deque<Open> open = new ArrayDeque<>();
        private XmlTree root;

        private record Open(String name, Map<String, String> attributes, List<XmlTree> children, StringBuilder text) {
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < atts.getLength(); i++) {
                // pools.xsd's attributes have no namespace; xsi:schemaLocation and the like,
                // which any schema admits, say nothing to the daemon.
                if (atts.getURI(i).isEmpty()) {
                    attributes.put(atts.getLocalName(i), atts.getValue(i));
                }
            }
            open.push(new Open(localName, attributes, new ArrayList<>(), new StringBuilder()));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text().append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Open o = open.pop();
            XmlTree done = new XmlTree(o.name(), o.attributes(), o.children(), o.text().toString());
            if (open.isEmpty()) {
                root = done;
            } else {
                open.peek().children().add(done);
            }
        }

        /** @return the document's root element, or null before the parse ended */
        XmlTree root() {
            return root;
        }
    }
}
