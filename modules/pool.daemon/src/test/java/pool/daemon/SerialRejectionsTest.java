package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pool.protocol.ProtocolFilter;

/**
 * The factory's decisions. The JVM-wide installation is exercised by the packaged daemon
 * ({@code DemoPoolAttackProcessTest}); here each stream gets the filter the factory
 * would give it, as the JDK does.
 */
class SerialRejectionsTest {

    private final SerialRejections factory = new SerialRejections();

    private static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** @return what a stream reads when its filter is {@code filter} */
    private static Object read(byte[] bytes, ObjectInputFilter filter) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }

    @Test
    void aStreamWithoutAFilterOfItsOwnDeserializesNothing() throws Exception {
        ObjectInputFilter atCreation = factory.apply(null, null);
        byte[] gadget = serialized(new HashMap<>(Map.of("k", "v")));
        InvalidClassException e = assertThrows(InvalidClassException.class, () -> read(gadget, atCreation));
        assertEquals("filter status: REJECTED", e.getMessage());
    }

    @Test
    void anOperatorsJvmWideFilterDoesNotWidenIt() throws Exception {
        ObjectInputFilter allowAll = ObjectInputFilter.Config.createFilter("*");
        ObjectInputFilter atCreation = factory.apply(null, allowAll);
        assertThrows(InvalidClassException.class, () -> read(serialized(new HashMap<>()), atCreation));
    }

    @Test
    void aFilterTheStreamSetsItselfDecides() throws Exception {
        ObjectInputFilter own = factory.apply(factory.apply(null, null),
                ObjectInputFilter.Config.createFilter("java.util.HashMap;java.util.Map$Entry;java.lang.String;!*"));
        assertEquals(Map.of("k", "v"), read(serialized(new HashMap<>(Map.of("k", "v"))), own));
        assertThrows(InvalidClassException.class, () -> read(serialized(new java.util.TreeMap<>()), own));
    }

    @Test
    void theProtocolFilterIsKeptAsItIsBecauseItLogsItself() {
        ObjectInputFilter protocol = ProtocolFilter.create(ProtocolFilter.Limits.DEFAULT, m -> { });
        assertSame(protocol, factory.apply(factory.apply(null, null), protocol));
    }
}
