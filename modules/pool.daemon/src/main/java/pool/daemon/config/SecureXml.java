package pool.daemon.config;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * SAX readers for configuration files. A configuration needs no DTD and no external
 * entity, so both are refused: that closes XXE and entity-expansion attacks for good,
 * whoever can write the file.
 */
final class SecureXml {

    private SecureXml() {
    }

    static XMLReader newReader() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return f.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            // The JDK's own parser supports every feature above; failing here is a broken runtime.
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
    }
}
