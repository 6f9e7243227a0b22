package pool.daemon.config;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * locations on their way to JAXB's handler, so the file is parsed once for both.
 */
final class XmlBinder {

    /** Thread-safe once built, and costly to build: one per process. */
    private static final JAXBContext CONTEXT = newContext();

    record Bound(XmlPoold root, ElementLocations locations) {
    }

    Bound bind(Path file, byte[] content) throws SAXException, IOException, JAXBException {
        Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
        UnmarshallerHandler handler = unmarshaller.getUnmarshallerHandler();
        ElementLocations locations = new ElementLocations(file);
        XMLReader reader = SecureXml.newReader();
        LocationFilter filter = new LocationFilter(reader, locations);
        filter.setContentHandler(handler);
        InputSource in = new InputSource(new ByteArrayInputStream(content));
        in.setSystemId(file.toUri().toString());
        filter.parse(in);
        return new Bound((XmlPoold) handler.getResult(), locations);
    }

    private static JAXBContext newContext() {
        try {
            return JAXBContext.newInstance(XmlPoold.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the configuration binding (is jaxb-runtime on the module path?): " + e, e);
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
