package pool.protocol;

import java.io.IOException;

/**
 * A frame that {@link Wire} cannot decode: truncated, of another protocol version, with an
 * unknown tag, a length beyond the frame or its limit, a value out of range, or bytes left
 * over. Decoding never returns a partial or guessed object instead.
 */
public final class WireException extends IOException {

    private static final long serialVersionUID = 1L;

    public WireException(String message) {
        super(message);
    }

    public WireException(String message, Throwable cause) {
        super(message, cause);
    }
}
