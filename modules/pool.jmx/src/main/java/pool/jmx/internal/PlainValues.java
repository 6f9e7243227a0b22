package pool.jmx.internal;

import javax.management.RuntimeOperationsException;

/**
 * The values a client may send poold's beans: every writable attribute and operation
 * parameter is a String or a primitive. Anything else is refused before the MBean server
 * or the audit log sees it, because both print values (the JDK's refusal of a value of the
 * wrong type reads "Invalid value for attribute A: " + the value), and the serial filter
 * admits lists (an AttributeList is one): a list that holds one list a few hundred times,
 * each holding another so, fits in a few KiB and takes forever to print, filling the heap.
 */
final class PlainValues {

    private PlainValues() {
    }

    /**
     * @param what what the value is, for the refusal: "the value of MaxSize", "parameter 1 of resize"
     * @throws RuntimeOperationsException naming the value's class, never printing it
     */
    static void require(Object value, String what) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character) {
            return;
        }
        String message = "poold's beans take strings, numbers and booleans: " + what + " is a "
                + value.getClass().getName();
        throw new RuntimeOperationsException(new IllegalArgumentException(message), message);
    }

    /** Checks each of {@code params} (null: none), named as parameters of {@code operation}. */
    static void requireParameters(Object[] params, String operation) {
        if (params == null) {
            return;
        }
        for (int i = 0; i < params.length; i++) {
            require(params[i], "parameter " + (i + 1) + " of " + operation);
        }
    }
}
