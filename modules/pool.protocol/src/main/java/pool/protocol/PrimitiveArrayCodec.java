package pool.protocol;

/**
 * Arrays of a primitive type other than {@code byte[]} (a value of its own): a tag, the
 * length and the elements, each at its width (docs/protocol.md section 9).
 */
final class PrimitiveArrayCodec {

    private PrimitiveArrayCodec() {
    }

    /** @return whether {@code v} is such an array, now written with its tag; false, writing nothing, when it is not */
    static boolean write(FrameWriter o, Object v) {
        if (v instanceof int[] a) {
            o.u8(ValueTypes.V_INT_ARRAY);
            o.length(a.length);
            for (int x : a) {
                o.i32(x);
            }
        } else if (v instanceof long[] a) {
            o.u8(ValueTypes.V_LONG_ARRAY);
            o.length(a.length);
            for (long x : a) {
                o.i64(x);
            }
        } else if (v instanceof double[] a) {
            o.u8(ValueTypes.V_DOUBLE_ARRAY);
            o.length(a.length);
            for (double x : a) {
                o.i64(Double.doubleToRawLongBits(x));
            }
        } else if (v instanceof float[] a) {
            o.u8(ValueTypes.V_FLOAT_ARRAY);
            o.length(a.length);
            for (float x : a) {
                o.i32(Float.floatToRawIntBits(x));
            }
        } else if (v instanceof short[] a) {
            o.u8(ValueTypes.V_SHORT_ARRAY);
            o.length(a.length);
            for (short x : a) {
                o.u16(x);
            }
        } else if (v instanceof char[] a) {
            o.u8(ValueTypes.V_CHAR_ARRAY);
            o.length(a.length);
            for (char x : a) {
                o.u16(x);
            }
        } else if (v instanceof boolean[] a) {
            o.u8(ValueTypes.V_BOOLEAN_ARRAY);
            o.length(a.length);
            for (boolean x : a) {
                o.u8(x ? 1 : 0);
            }
        } else {
            return false;
        }
        return true;
    }

    /** @return the array that follows {@code tag}, one of the primitive arrays' tags */
    static Object read(FrameReader in, int tag) throws WireException {
        switch (tag) {
            case ValueTypes.V_INT_ARRAY: {
                int[] a = new int[in.length("int[] value", 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.i32();
                }
                return a;
            }
            case ValueTypes.V_LONG_ARRAY: {
                long[] a = new long[in.length("long[] value", 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.i64();
                }
                return a;
            }
            case ValueTypes.V_DOUBLE_ARRAY: {
                double[] a = new double[in.length("double[] value", 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Double.longBitsToDouble(in.i64());
                }
                return a;
            }
            case ValueTypes.V_FLOAT_ARRAY: {
                float[] a = new float[in.length("float[] value", 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Float.intBitsToFloat(in.i32());
                }
                return a;
            }
            case ValueTypes.V_SHORT_ARRAY: {
                short[] a = new short[in.length("short[] value", 2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (short) in.u16();
                }
                return a;
            }
            case ValueTypes.V_CHAR_ARRAY: {
                char[] a = new char[in.length("char[] value", 2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (char) in.u16();
                }
                return a;
            }
            case ValueTypes.V_BOOLEAN_ARRAY: {
                boolean[] a = new boolean[in.length("boolean[] value", 1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (in.flags("boolean[] element", 1) & 1) != 0;
                }
                return a;
            }
            default:
                throw new IllegalArgumentException("not a primitive array's tag: " + tag);
        }
    }
}
