package pool.daemon.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DemoCredentialsTest {

    /** Every hash attribute of config/pools.xml, on whatever element (client users, JMX users, ...). */
    private static List<String> shippedHashes() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        var doc = f.newDocumentBuilder().parse(TestFiles.projectRoot().resolve("config/pools.xml").toFile());
        NodeList all = doc.getElementsByTagName("*");
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("hash")) {
                hashes.add(e.getAttribute("hash"));
            }
        }
        return hashes;
    }

    @Test
    void everyHashTheDefaultConfigurationShipsIsKnownToTheCheck() throws Exception {
        List<String> hashes = shippedHashes();
        assertFalse(hashes.isEmpty(), "config/pools.xml has users");
        for (String hash : hashes) {
            assertTrue(DemoCredentials.isShipped(hash), "config/pools.xml ships " + hash + ", which DemoCredentials"
                    + " does not know: add it to DemoCredentials.SHIPPED with the password the file publishes");
        }
    }
}
