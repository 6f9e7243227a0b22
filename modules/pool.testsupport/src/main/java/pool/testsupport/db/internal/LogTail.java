package pool.testsupport.db.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a server log, for error messages. */
public final class LogTail {
    /** Enough for the lines before a startup failure; a log of a long run may be megabytes. */
    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {}

    /** The last {@code lines} lines written to {@code file} after byte {@code fromOffset}. */
    public static String of(Path file, long fromOffset, int lines) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(fromOffset, in.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
