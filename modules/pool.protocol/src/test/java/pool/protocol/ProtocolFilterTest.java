package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.File;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProtocolFilterTest {

    /** Set by Gadget.readObject: proves whether a rejected class was ever instantiated. */
    static final AtomicBoolean GADGET_RAN = new AtomicBoolean();

    /** Stands for a deserialization gadget: its readObject has a side effect. */
    static final class Gadget implements Serializable {
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            GADGET_RAN.set(true);
        }
    }

    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private final ProtocolFilter filter = ProtocolFilter.create(ProtocolFilter.Limits.DEFAULT, rejections::add);

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private Object read(byte[] bytes, java.io.ObjectInputFilter f) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(f);
            return in.readObject();
        }
    }

    private Object roundTrip(Object o) throws Exception {
        return read(serialize(o), filter);
    }

    @Test
    void classOutsideTheAllowListIsRejectedBeforeItsReadObjectRuns() {
        GADGET_RAN.set(false);
        assertThrows(InvalidClassException.class, () -> roundTrip(new Gadget()));
        assertFalse(GADGET_RAN.get(), "the gadget's readObject must never run");
        assertTrue(rejections.stream().anyMatch(m -> m.contains(Gadget.class.getName() + " is not on the allow-list")),
                rejections.toString());
    }

    @Test
    void withoutTheFilterTheGadgetWouldRun() throws Exception {
        // Control experiment: proves the test above detects a gadget that does run.
        GADGET_RAN.set(false);
        read(serialize(new Gadget()), null);
        assertTrue(GADGET_RAN.get());
    }

    @Test
    void jdkCollectionsAndOtherClassesAreRejected() {
        assertThrows(InvalidClassException.class, () -> roundTrip(new HashMap<>()));
        assertThrows(InvalidClassException.class, () -> roundTrip(new ArrayList<>(List.of("a"))));
        assertThrows(InvalidClassException.class, () -> roundTrip(new java.io.File("/etc/passwd")));
        assertThrows(InvalidClassException.class, () -> roundTrip(new Object[] {"a"}));
        assertThrows(InvalidClassException.class, () -> roundTrip(42));
        assertThrows(InvalidClassException.class, () -> roundTrip(new BigDecimal("1.5")));
    }

    @Test
    void theProtocolsRecordsAreNotSerializable() {
        // They cross the wire as Wire frames only: no stream can carry one.
        Call call = new Call(0, 1, Borrow.DEFAULT, false, List.of(new Op.Commit()));
        assertThrows(NotSerializableException.class, () -> serialize(call));
        assertThrows(NotSerializableException.class,
                () -> serialize(new LoginRequest(Protocol.VERSION, "u", "p".toCharArray(), null)));
        assertThrows(NotSerializableException.class, () -> serialize(new SqlNull(4)));
    }

    @Test
    void onlyWhatTravelsInsideStubsIsSerializable() throws Exception {
        Path classes = Path.of(Wire.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> serializable = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                if (name.equals("module-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, Wire.class.getClassLoader());
                if (Serializable.class.isAssignableFrom(c) && !c.isEnum() && !Throwable.class.isAssignableFrom(c)) {
                    serializable.add(c.getName());
                }
            }
        }
        // The client socket factory goes into every stub the daemon hands out (RemotePool's, JMX's).
        assertEquals(List.of(TlsClientSocketFactory.class.getName()), serializable);
    }

    @Test
    void whatTheEndpointsTakePasses() throws Exception {
        byte[] frame = Wire.encode(new Call(3, 1, null, false, List.of(new Op.Commit())));
        assertArrayEquals(frame, (byte[]) roundTrip(frame));
        assertArrayEquals(new long[] {1, 2}, (long[]) roundTrip(new long[] {1, 2}));
        assertFalse(ProtocolFilter.isAllowed(String.class), "tickets are byte[]: no endpoint takes a String");
        assertTrue(rejections.isEmpty(), rejections.toString());
    }

    @Test
    void graphsDeeperThanTheLimitAreRejected() {
        ProtocolFilter shallow = ProtocolFilter.create(new ProtocolFilter.Limits(0, 1000, 1 << 20, 1000), rejections::add);
        assertThrows(InvalidClassException.class, () -> read(serialize(new byte[1]), shallow));
        assertTrue(rejections.stream().anyMatch(m -> m.contains("deeper")));
    }

    @Test
    void framesLongerThanTheLimitAreRejectedBeforeAllocation() {
        ProtocolFilter small = ProtocolFilter.create(new ProtocolFilter.Limits(2, 16, 1 << 24, 1000), rejections::add);
        assertThrows(InvalidClassException.class, () -> read(serialize(new byte[1001]), small));
        assertTrue(rejections.stream().anyMatch(m -> m.contains("array of 1001 elements")), rejections.toString());
    }

    @Test
    void defaultLimitsAdmitALoginAndASessionListButNoLargeFrame() {
        // RMI reads these before anyone is authenticated; calls travel over call channels.
        assertEquals(1 << 17, ProtocolFilter.Limits.DEFAULT.maxArrayLength());
        assertTrue(ProtocolFilter.Limits.DEFAULT.maxBytes() < 2 << 20);
        assertThrows(InvalidClassException.class, () -> read(serialize(new byte[(1 << 17) + 1]), filter));
        assertTrue(rejections.stream().anyMatch(m -> m.contains("array of 131073 elements")), rejections.toString());
    }

    @Test
    void sqlExceptionKindsSurviveTransport() {
        java.sql.SQLException original = new java.sql.BatchUpdateException("batch failed", "23505", 7, new long[] {1, -3}, null);
        java.sql.SQLException back = SqlError.from(original).toException();
        assertInstanceOf(java.sql.BatchUpdateException.class, back);
        assertArrayEquals(new long[] {1, -3}, ((java.sql.BatchUpdateException) back).getLargeUpdateCounts());
        assertInstanceOf(java.sql.SQLTimeoutException.class,
                SqlError.from(new java.sql.SQLTimeoutException("slow", "57014")).toException());
    }
}
