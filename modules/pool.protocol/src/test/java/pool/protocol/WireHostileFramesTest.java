package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static pool.protocol.WireSamples.assertMessage;
import static pool.protocol.WireSamples.call;
import static pool.protocol.WireSamples.chain;
import static pool.protocol.WireSamples.everyOp;
import static pool.protocol.WireSamples.everyResult;
import static pool.protocol.WireSamples.refusedCall;
import static pool.protocol.WireSamples.refusedReply;
import static pool.protocol.WireSamples.shortValues;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames no encoder writes (truncated, corrupt, overlong, over a limit) are refused with a WireException that says why, before anything is allocated for them. */
class WireHostileFramesTest {

    /** Every operation, with every value that is not long. */
    private static byte[] richCall() {
        return Wire.encode(new Call(0, 1, Borrow.DEFAULT, true, everyOp(shortValues())));
    }

    private static byte[] richReply() {
        return Wire.encode(new Reply(5, new SessionInfo(true, true, 2), everyResult(shortValues()), chain()));
    }

    @Test
    void everyTruncationIsRefused() {
        for (byte[] frame : List.of(richCall(), Wire.encode(new Call(1, 2, null, false, List.of())))) {
            for (int n = 0; n < frame.length; n++) {
                WireException e = refusedCall(Arrays.copyOf(frame, n));
                if (n >= 2) {
                    assertMessage(e, "call frame");
                }
            }
        }
        byte[] reply = richReply();
        for (int n = 0; n < reply.length; n += Math.max(1, n / 50)) { // every byte early on, then spaced out
            refusedReply(Arrays.copyOf(reply, n));
        }
        byte[] login = Wire.encode(new LoginRequest(Protocol.VERSION, "app", "secret".toCharArray(), "t"));
        for (int n = 0; n < login.length; n++) {
            byte[] cut = Arrays.copyOf(login, n);
            assertThrows(WireException.class, () -> Wire.decodeLogin(cut));
        }
        assertMessage(refusedCall(Arrays.copyOf(richCall(), 20)), "truncated call frame");
    }

    @Test
    void headersAreChecked() {
        assertMessage(refusedCall(null), "no call frame");
        assertMessage(refusedCall(new byte[0]), "no header");
        assertMessage(refusedCall(new byte[] {(byte) Protocol.VERSION}), "no header");
        byte[] call = richCall();
        byte[] v1 = call.clone();
        v1[0] = 1;
        WireException old = refusedCall(v1);
        assertMessage(old, "protocol version 1, this side speaks " + Protocol.VERSION);
        assertMessage(old, "jars must be of the daemon's version");
        v1[0] = (byte) 0xFF;
        assertMessage(refusedCall(v1), "protocol version 255");
        // A reply is not a call, nor a login a call: frames say what they are.
        assertMessage(refusedCall(richReply()), "expected a call frame, got kind 4 (reply)");
        assertMessage(refusedReply(call), "expected a reply frame, got kind 3 (call)");
        byte[] login = Wire.encode(new LoginRequest(Protocol.VERSION, "u", new char[] {'p'}, null));
        assertMessage(refusedCall(login), "got kind 1 (login)");
        assertMessage(assertThrows(WireException.class, () -> Wire.decodeLogin(call)), "expected a login frame");
        byte[] kind9 = {(byte) Protocol.VERSION, 9};
        assertMessage(refusedCall(kind9), "got kind 9");
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] call = richCall();
        byte[] longer = Arrays.copyOf(call, call.length + 1);
        assertMessage(refusedCall(longer), "1 bytes left over after the call");
        byte[] reply = richReply();
        assertMessage(refusedReply(Arrays.copyOf(reply, reply.length + 3)), "3 bytes left over");
    }

    @Test
    void onlyTheLastFurtherResultMayHaveACursor() {
        Rows rows = new Rows(List.of(), new Object[0][], false);
        byte[] reply = Wire.encode(new Reply(5, null, List.of(new Result.Fetched(rows, List.of(
                new Result.Further(-1, rows, 4), new Result.Further(2, null)))), null));
        assertMessage(refusedReply(reply), "further result 1 of 2 has a cursor: only the last may");
    }

    /** The start of an execute whose parameters follow: PREPARED QUERY "s". */
    private static final int[] EXECUTE = {1, 1, 0, 2, 's'};

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    /** An execute whose one parameter is {@code value}, followed by the rest of the execute. */
    private static byte[] executeWith(int... value) {
        return call(1, concat(EXECUTE, new int[] {1}, value, new int[] {0, 0, 0, 0, 0}));
    }

    @Test
    void theRawFramesOfTheseTestsAreWellFormed() throws Exception {
        // Control: the hand-made frames below differ from valid ones only where they say.
        Call c = Wire.decodeCall(executeWith(6, 0, 0, 0, 42));
        assertEquals(42, ((Op.Execute) c.ops().get(0)).params()[0]);
        assertEquals(1, c.session());
        assertEquals(0, Wire.decodeCall(call(0)).ops().size());
    }

    @Test
    void unknownTagsAndCodesAreRefused() {
        assertMessage(refusedCall(call(1, 0)), "unknown operation tag 0");
        assertMessage(refusedCall(call(1, 0xC0)), "unknown operation tag 192");
        assertMessage(refusedCall(call(1, 0xFF)), "unknown operation tag 255");
        assertMessage(refusedCall(executeWith(0xC1)), "unknown value tag 193");
        assertMessage(refusedCall(executeWith(61)), "unknown value tag 61");
        assertMessage(refusedCall(executeWith(60, 6, 0, 1)), "unknown LOB kind code 6");
        assertMessage(refusedCall(executeWith(60, 0, 100, 1, 1, 2)), "inline LOB of 100 bytes exceeds");
        assertMessage(refusedCall(executeWith(0xC8)), "unknown value tag 200");
        assertMessage(refusedCall(call(1, 1, 3, 0, 2, 's', 0, 0, 0, 0, 0)), "unknown statement kind code 3");
        assertMessage(refusedCall(call(1, 1, 1, 3, 2, 's', 0, 0, 0, 0, 0)), "unknown execute mode code 3");
        assertMessage(refusedCall(call(1, 9, 8, 0)), "unknown connection property code 8");
        assertMessage(refusedCall(call(1, 10, 0x7F)), "unknown connection property code 127");
        // The borrow's enums.
        byte[] borrow = call(0);
        borrow[18] = 1; // flags: a borrow follows
        byte[] badIntent = Arrays.copyOf(borrow, borrow.length + 3);
        System.arraycopy(new byte[] {2, 1, 0, 0}, 0, badIntent, 18 + 1, 3);
        badIntent[badIntent.length - 1] = 0;
        assertThrows(WireException.class, () -> Wire.decodeCall(badIntent));
        // Undefined flag bits.
        byte[] flags = call(0);
        flags[18] = 8;
        assertMessage(refusedCall(flags), "undefined flag bits in call");
        assertMessage(refusedCall(call(1, 12, 2)), "undefined flag bits in warnings");
        assertMessage(refusedCall(call(1, concat(EXECUTE, new int[] {0, 0, 0, 0, 0x10}))),
                "undefined flag bits in generated keys");
        assertMessage(refusedCall(executeWith(29, 1, 2)), "undefined flag bits in boolean[] element");
        // Result tags, in a reply.
        byte[] reply = {(byte) Protocol.VERSION, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 10, 0};
        assertMessage(refusedReply(reply), "unknown result tag 10");
        byte[] errorKind = {(byte) Protocol.VERSION, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 20, 0};
        assertMessage(refusedReply(errorKind), "unknown error kind code 20");
    }

    @Test
    void lengthsBeyondTheFrameAreRefusedBeforeAllocating() {
        int[] maxInt = {0xFF, 0xFF, 0xFF, 0xFF, 0x07};
        // A string, a byte[], an Object[], a long[] and a String[] "of 2^31 - 1 elements" in a tiny frame.
        assertMessage(refusedCall(executeWith(concat(new int[] {11}, maxInt))), "exceeds the");
        assertMessage(refusedCall(executeWith(concat(new int[] {14}, maxInt))), "length of byte[] value 2147483647");
        assertMessage(refusedCall(executeWith(concat(new int[] {27}, maxInt))), "length of values 2147483647");
        assertMessage(refusedCall(executeWith(concat(new int[] {33}, maxInt))), "length of long[] value");
        assertMessage(refusedCall(executeWith(concat(new int[] {28}, maxInt))), "length of String[] value");
        assertMessage(refusedCall(call(0xFF, 0xFF, 0xFF, 0xFF, 0x07)), "length of operations");
        // Lengths that do not fit an int at all, and varints that never end.
        assertMessage(refusedCall(executeWith(11, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)), "out of range");
        assertMessage(refusedCall(executeWith(11, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)), "varint longer than 5 bytes");
        assertMessage(refusedCall(executeWith(7 /* long: 8 fixed bytes */, 1, 2, 3)), "truncated");
        // A row count times width beyond the frame, in a reply (rows are replies' business).
        byte[] rows = {(byte) Protocol.VERSION, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 4, 0, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, 0x0F, (byte) 0x80, 0x40, 0, 0};
        assertMessage(refusedReply(rows), "cannot fit");
        byte[] emptyRows = {(byte) Protocol.VERSION, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 4, 0, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, 0x0F, 0, 1, 0};
        assertMessage(refusedReply(emptyRows), "empty rows");
    }

    @Test
    void limitsOfNestingNumbersChainsAndObjectsHold() {
        // Object[] in Object[] ... deeper than the limit.
        int[] nested = new int[0];
        for (int i = 0; i <= Wire.MAX_NESTING; i++) {
            nested = concat(nested, new int[] {27, 1});
        }
        assertMessage(refusedCall(executeWith(concat(nested, new int[] {0}))), "nested deeper than " + Wire.MAX_NESTING);
        // A magnitude over the limit: refused though the frame holds it.
        int n = Wire.MAX_MAGNITUDE_BYTES + 1;
        int[] big = new int[n + 4];
        big[0] = 13;
        big[1] = (n & 0x7F) | 0x80;
        big[2] = ((n >>> 7) & 0x7F) | 0x80;
        big[3] = n >>> 14;
        assertMessage(refusedCall(executeWith(big)), "number magnitude of " + n + " bytes");
        assertMessage(refusedCall(executeWith(13, 0)), "number magnitude of 0 bytes");
        // An error chain longer than the limit.
        byte[] chain = {(byte) Protocol.VERSION, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) (Wire.MAX_CHAIN + 1), 0, 0, 0,
                0, 0};
        byte[] longChain = Arrays.copyOf(chain, chain.length + 5 * (Wire.MAX_CHAIN + 1));
        assertMessage(refusedReply(longChain), "error chain of " + (Wire.MAX_CHAIN + 1));
    }

    @Test
    void aCallMayNotMakeTheDaemonAllocateMoreThanItsObjectBudget() {
        // A batch of empty parameter sets: 1 byte each, yet each would be an object in a list.
        int sets = Wire.MAX_CALL_OBJECTS + 1;
        ByteArrayOutputStream b = new ByteArrayOutputStream(sets + 64);
        byte[] head = call(1, 2, 1, 0, 0); // BATCH PREPARED, sql null, no statements
        b.write(head, 0, head.length);
        for (int v = sets; ; v >>>= 7) { // the count
            if ((v & ~0x7F) == 0) {
                b.write(v);
                break;
            }
            b.write((v & 0x7F) | 0x80);
        }
        for (int i = 0; i < sets; i++) {
            b.write(0);
        }
        b.write(0); // timeout
        assertMessage(refusedCall(b.toByteArray()), "more than " + Wire.MAX_CALL_OBJECTS + " objects in one call");
    }

    @Test
    void valuesOutOfRangeAreRefused() {
        // Timestamp nanos of a billion: zigzag 2,000,000,000 = 0x80 0xA8 0xD6 0xB9 0x07.
        assertMessage(refusedCall(executeWith(18, 0, 0x80, 0xA8, 0xD6, 0xB9, 0x07)), "timestamp nanos 1000000000");
        // A LocalDate past LocalDate.MAX and a LocalTime past midnight.
        assertMessage(refusedCall(executeWith(19, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)),
                "invalid value");
        assertMessage(refusedCall(executeWith(20, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)),
                "invalid value");
        // An offset of 19 hours (zigzag 136,800 = 0xC0 0xAC 0x08).
        assertMessage(refusedCall(executeWith(23, 0, 0xC0, 0xAC, 0x08)), "invalid value");
        // A zone that does not exist.
        assertMessage(refusedCall(executeWith(24, 0, 0, 0, 5, 'M', 'a', 'r', 's')), "invalid value");
        // Instant nanos that overflow the range.
        assertMessage(refusedCall(executeWith(25, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0)),
                "invalid value");
        // A required component that is null: the SQL of an execute.
        assertMessage(refusedCall(call(1, 1, 1, 0, 0, 0, 0, 0, 0, 0)), "sql is missing");
        // A call that would borrow (session 0) but says nothing of how, nor gives anything back.
        byte[] noBorrow = call(0);
        noBorrow[9] = 0;
        assertMessage(refusedCall(noBorrow), "invalid value");
    }

    @Test
    void randomCorruptionNeverYieldsAnythingButAFrameOrAWireException() {
        Random random = new Random(20261125);
        byte[][] valid = {richCall(), Wire.encode(new Call(0, 1, Borrow.DEFAULT, false, List.of(everyOp().get(0)))),
                richReply()};
        int decoded = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] frame = valid[i % valid.length].clone();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                int at = 2 + random.nextInt(frame.length - 2);
                frame[at] = (byte) random.nextInt(256);
            }
            if (random.nextInt(8) == 0) {
                frame = Arrays.copyOf(frame, 2 + random.nextInt(frame.length - 2));
            }
            try {
                if (i % valid.length == 2) {
                    Wire.decodeReply(frame);
                } else {
                    Wire.decodeCall(frame);
                }
                decoded++;
            } catch (WireException e) {
                assertNotNull(e.getMessage());
            } catch (RuntimeException | OutOfMemoryError e) {
                fail("frame " + i + " (" + HexFormat.of().formatHex(frame, 0, Math.min(64, frame.length))
                        + "...) escaped as " + e, e);
            }
        }
        assertTrue(decoded > 0, "some corruptions land in values and still decode");
    }
}
