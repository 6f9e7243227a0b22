package pool.client.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Result;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.xml.sax.InputSource;

/**
 * An {@code SQLXML} value held as its text: read from a column ({@code getSQLXML},
 * {@code getObject}), or made by {@code Connection.createSQLXML()} and written once through
 * one of its setters. Sources and results: streams ({@code StreamSource}/{@code StreamResult},
 * the default) and DOM ({@code DOMSource}/{@code DOMResult}); a DOM is parsed with DOCTYPEs
 * refused, so no external entity is ever fetched. SAX and StAX are refused: read the string
 * or a stream instead.
 */
final class RemoteSQLXML implements SQLXML {

    private String text;
    private boolean freed;
    /** What a writer or result the application has not finished with will hold. */
    private Object pending;

    /** A value read from the database. */
    RemoteSQLXML(String text) {
        this.text = text;
    }

    /** {@code createSQLXML()}: empty, to be written. */
    RemoteSQLXML() {
        this(null);
    }

    /** @return the XML text, for a parameter */
    String text() throws SQLException {
        check();
        settle();
        if (text == null) {
            throw new SQLException("this SQLXML has not been written (call setString or a setter first)", "HY010");
        }
        return text;
    }

    private void check() throws SQLException {
        if (freed) {
            throw new SQLException("this SQLXML has been freed", "HY010");
        }
    }

    private void settle() throws SQLException {
        if (pending instanceof StringWriter w) {
            text = w.toString();
        } else if (pending instanceof ByteArrayOutputStream b) {
            text = b.toString(StandardCharsets.UTF_8);
        } else if (pending instanceof DOMResult d) {
            try {
                StringWriter w = new StringWriter();
                TransformerFactory.newInstance().newTransformer().transform(new DOMSource(d.getNode()), new StreamResult(w));
                text = w.toString();
            } catch (javax.xml.transform.TransformerException e) {
                throw new SQLException("the DOM written to this SQLXML cannot be serialized: " + e.getMessage(), "22000", e);
            }
        }
    }

    private String readable() throws SQLException {
        check();
        settle();
        if (text == null) {
            throw new SQLException("this SQLXML holds no value", "HY010");
        }
        return text;
    }

    private void writable() throws SQLException {
        check();
        if (text != null || pending != null) {
            throw new SQLException("this SQLXML has been written already", "HY010");
        }
    }

    @Override
    public void free() {
        freed = true;
        text = null;
        pending = null;
    }

    @Override
    public InputStream getBinaryStream() throws SQLException {
        return new ByteArrayInputStream(readable().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public OutputStream setBinaryStream() throws SQLException {
        writable();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pending = out;
        return out;
    }

    @Override
    public Reader getCharacterStream() throws SQLException {
        return new StringReader(readable());
    }

    @Override
    public Writer setCharacterStream() throws SQLException {
        writable();
        StringWriter w = new StringWriter();
        pending = w;
        return w;
    }

    @Override
    public String getString() throws SQLException {
        return readable();
    }

    @Override
    public void setString(String value) throws SQLException {
        writable();
        if (value == null) {
            throw new SQLException("an SQLXML value cannot be set to null: bind SQL NULL with setNull", "HY009");
        }
        text = value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Source> T getSource(Class<T> sourceClass) throws SQLException {
        String xml = readable();
        if (sourceClass == null || sourceClass == StreamSource.class) {
            return (T) new StreamSource(new StringReader(xml));
        }
        if (sourceClass == DOMSource.class) {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setExpandEntityReferences(false);
                return (T) new DOMSource(f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))));
            } catch (Exception e) {
                throw new SQLException("this SQLXML's text is not a well-formed XML document without a DOCTYPE: "
                        + e.getMessage(), "2200M", e);
            }
        }
        throw new SQLFeatureNotSupportedException("SQLXML sources of " + sourceClass.getName() + " are not supported by"
                + " poold's remote JDBC: use StreamSource, DOMSource or getString()", "0A000");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Result> T setResult(Class<T> resultClass) throws SQLException {
        writable();
        if (resultClass == null || resultClass == StreamResult.class) {
            StringWriter w = new StringWriter();
            pending = w;
            return (T) new StreamResult(w);
        }
        if (resultClass == DOMResult.class) {
            DOMResult d = new DOMResult();
            pending = d;
            return (T) d;
        }
        throw new SQLFeatureNotSupportedException("SQLXML results of " + resultClass.getName() + " are not supported by"
                + " poold's remote JDBC: use StreamResult, DOMResult or setString()", "0A000");
    }

    @Override
    public String toString() {
        return text != null ? text : "SQLXML";
    }
}
