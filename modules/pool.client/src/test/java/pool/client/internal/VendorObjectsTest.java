package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import pool.protocol.VendorObject;

/** Driver types on a client without the driver, and arrays rebuilt with their element class. */
class VendorObjectsTest {

    @Test
    void withoutTheDriversClassTheValueIsItsText() {
        // pool.client's tests have no pgjdbc: the documented equivalent, the database's text.
        assertEquals("1 day 02:03:04.5", VendorObjects.rebuild(new VendorObject("org.postgresql.util.PGInterval",
                "interval", "1 day 02:03:04.5")));
        assertNull(VendorObjects.rebuild(new VendorObject("org.postgresql.util.PGobject", "inet", null)));
    }

    @Test
    void aClassThatIsNoPgObjectIsNeverInstantiated() {
        assertEquals("x", VendorObjects.rebuild(new VendorObject("java.lang.StringBuilder", "text", "x")));
        assertEquals("x", VendorObjects.rebuild(new VendorObject("java.lang.Thread", "text", "x")));
    }

    @Test
    void arraysComeBackOfTheDriversClassAndOnlyOfJdkClasses() {
        assertInstanceOf(Integer[].class, RemoteArray.typed(new Object[] {1, null, 3}, "[Ljava.lang.Integer;"));
        Object nested = RemoteArray.typed(new Object[] {new Object[] {"a"}, new Object[] {"b", null}},
                "[[Ljava.lang.String;");
        assertInstanceOf(String[][].class, nested);
        assertArrayEquals(new String[] {"b", null}, ((String[][]) nested)[1]);
        assertInstanceOf(int[].class, RemoteArray.typed(new Object[] {1, 2}, "[I"));
        assertInstanceOf(Object[].class, RemoteArray.typed(new Object[] {"x"}, "[Lcom.example.Evil;"));
        assertInstanceOf(Object[].class, RemoteArray.typed(new Object[] {"x"}, "[Ljava.lang.Integer;"),
                "elements not of the class: as they are");
    }
}
