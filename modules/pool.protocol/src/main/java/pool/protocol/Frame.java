package pool.protocol;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * An encoded frame not yet made one array: written to a stream as it lies, in the pieces a
 * large frame is made of ({@link Wire#frame(Reply)}), so that sending a reply of rows with
 * large values costs the heap the frame once. Used once: written, or made an array.
 */
public final class Frame {
    private FrameWriter writer;
    private final int length;

    Frame(FrameWriter writer) {
        this.writer = writer;
        this.length = writer.size();
    }

    /** @return the frame's length in bytes */
    public int length() {
        return length;
    }

    /**
     * Writes the frame's length as a 4-byte big-endian int and then the frame, as
     * {@link CallChannel#writeFrame(java.io.DataOutputStream, byte[])} does (not flushed).
     */
    public void writeTo(DataOutputStream out) throws IOException {
        take().writeTo(out);
    }

    /** @return the frame as an array */
    public byte[] toByteArray() {
        return take().finish();
    }

    private FrameWriter take() {
        FrameWriter w = writer;
        if (w == null) {
            throw new IllegalStateException("this frame was written already");
        }
        writer = null;
        return w;
    }
}
