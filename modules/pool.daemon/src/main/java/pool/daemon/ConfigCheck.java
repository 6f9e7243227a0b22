package pool.daemon;

import java.io.IOException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a configuration file far enough to know it is usable. For now: well-formed
 * XML whose root is {@code <poold xmlns="urn:poold:config:1">}; schema validation and
 * pool definitions come with the configuration model.
 */
final class ConfigCheck {

    static final String NAMESPACE = "urn:poold:config:1";

    void check(Path file) throws ConfigException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // Configuration files are trusted input, but external entities are never needed.
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(file.toFile()).getDocumentElement();
            if (!NAMESPACE.equals(root.getNamespaceURI()) || !"poold".equals(root.getLocalName())) {
                throw new ConfigException(file + ":1:1: root element must be <poold xmlns=\"" + NAMESPACE
                        + "\">, found <" + root.getTagName() + "> in namespace " + root.getNamespaceURI());
            }
        } catch (SAXParseException e) {
            throw new ConfigException(file + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
