package pool.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import pool.api.Durations;
import pool.api.PoolConfig;

/**
 * pools.xsd is the user's reference: it must offer every engine setting and state the
 * default the engine really uses. Defaults live in PoolConfig.Builder only, so these
 * tests are what keeps the two from drifting apart.
 */
class SchemaDocumentationTest {

    private static final String XS = "http://www.w3.org/2001/XMLSchema";
    private static final Pattern DEFAULT = Pattern.compile("Default: ([^ ]+?)[.]?(?: |$)");

    @Test
    void schemaHasAnElementOrAttributeForEveryPoolConfigSetting() throws Exception {
        Map<String, String> documented = documentedSettings("pool");
        Set<String> missing = new TreeSet<>();
        for (RecordComponent c : PoolConfig.class.getRecordComponents()) {
            if (!documented.containsKey(c.getName())) {
                missing.add(c.getName());
            }
        }
        assertEquals(Set.of(), missing, "PoolConfig settings pools.xsd does not offer");
    }

    @Test
    void schemaStatesTheBuilderDefaultOfEveryPoolSetting() throws Exception {
        PoolConfig defaults = PoolConfig.builder("defaults").jdbcUrl("jdbc:h2:mem:x").build();
        Map<String, Object> actual = new LinkedHashMap<>();
        for (RecordComponent c : PoolConfig.class.getRecordComponents()) {
            actual.put(c.getName(), c.getAccessor().invoke(defaults));
        }
        actual.remove("name");
        actual.remove("jdbcUrl");
        checkDefaults(documentedSettings("pool"), actual);
    }

    @Test
    void schemaStatesTheDefaultOfEveryDaemonSetting() throws Exception {
        DaemonSettings defaults = DaemonSettings.defaults();
        Map<String, Object> actual = new LinkedHashMap<>();
        for (RecordComponent c : DaemonSettings.class.getRecordComponents()) {
            actual.put(c.getName(), c.getAccessor().invoke(defaults));
        }
        checkDefaults(documentedSettings("daemon"), actual);
    }

    private static void checkDefaults(Map<String, String> docs, Map<String, Object> actual) {
        actual.forEach((name, value) -> {
            String doc = docs.get(name);
            if (doc == null) {
                fail("pools.xsd has no documentation for " + name);
            }
            Matcher m = DEFAULT.matcher(doc);
            assertTrue(m.find(), name + ": documentation states no 'Default: ...': " + doc);
            assertTrue(matches(m.group(1), value), name + ": pools.xsd says the default is " + m.group(1)
                    + ", the code uses " + value);
        });
    }

    private static boolean matches(String documented, Object value) {
        if (documented.equals("none")) {
            return value == null || (value instanceof Map<?, ?> map && map.isEmpty())
                    || (value instanceof Collection<?> c && c.isEmpty());
        }
        return switch (value) {
            case Duration d -> Durations.parse(documented).equals(d);
            case Integer n when documented.endsWith("iB") -> Sizes.parse(documented) == n;
            case Enum<?> e -> e.name().replace('_', '-').equalsIgnoreCase(documented);
            case null -> false;
            default -> String.valueOf(value).equals(documented);
        };
    }

    /** @return the documentation of each child element and attribute of complex type {@code type} */
    private static Map<String, String> documentedSettings(String type) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Path xsd = TestFiles.projectRoot().resolve("config/pools.xsd");
        Document doc = f.newDocumentBuilder().parse(xsd.toFile());
        NodeList types = doc.getElementsByTagNameNS(XS, "complexType");
        for (int i = 0; i < types.getLength(); i++) {
            Element t = (Element) types.item(i);
            if (t.getAttribute("name").equals(type)) {
                Map<String, String> docs = new LinkedHashMap<>();
                collect(t, "element", docs);
                collect(t, "attribute", docs);
                return docs;
            }
        }
        throw new IllegalStateException("pools.xsd has no complexType " + type);
    }

    private static void collect(Element type, String kind, Map<String, String> docs) {
        NodeList nodes = type.getElementsByTagNameNS(XS, kind);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (e.getParentNode().getParentNode() != type && e.getParentNode() != type) {
                continue; // nested deeper (driverProperties' own content): not a setting of this type
            }
            NodeList d = e.getElementsByTagNameNS(XS, "documentation");
            docs.put(e.getAttribute("name"), d.getLength() == 0 ? "" : d.item(0).getTextContent().strip());
        }
    }
}
