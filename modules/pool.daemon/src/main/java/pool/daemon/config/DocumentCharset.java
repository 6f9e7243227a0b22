package pool.daemon.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The encoding an XML document is in, as its parser reads it: a byte order mark, else the
 * declaration's {@code encoding}, else UTF-8. The schema check reads a file's lines (for
 * columns) and writes it back for its later rounds; doing either in another encoding than
 * the parser's garbles every non-ASCII character and shifts columns.
 */
final class DocumentCharset {

    private DocumentCharset() {
    }

    /** @return the charset the parser reads {@code content} in; UTF-8 when it cannot tell or the JDK lacks it */
    static Charset of(byte[] content) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // Only the declaration is read: no DTD, no entity is ever looked at.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = null;
        try {
            r = f.createXMLStreamReader(new ByteArrayInputStream(content));
            String name = r.getEncoding();
            return name != null && Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
        } catch (XMLStreamException | IllegalArgumentException e) {
            // Not XML at all: the parser reports that; the lines only give columns.
            return StandardCharsets.UTF_8;
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing held
                }
            }
        }
    }

    /** @return {@code content} as text in {@code cs}, without a byte order mark (it is no column) */
    static String text(byte[] content, Charset cs) {
        String s = new String(content, cs);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
