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

    /**
     * The JDK parser's message language. Its messages are rephrased and parsed
     * ({@link SchemaCheck#readable}), and scripts read what poold prints: they are English
     * whatever the machine's locale (LANG, LC_ALL, -Duser.language). ROOT, not ENGLISH: a
     * bundle asked for in English falls back to the default locale's (German messages under
     * de_DE), the base bundle, English, is ROOT's.
     */
    static final String LOCALE = "http://apache.org/xml/properties/locale";

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
            XMLReader reader = f.newSAXParser().getXMLReader();
            reader.setProperty(LOCALE, java.util.Locale.ROOT);
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            // The JDK's own parser supports every feature above; failing here is a broken runtime.
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
    }
}
