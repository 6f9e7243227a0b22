package pool.daemon.config;

import java.nio.file.Path;

/**
 * A place in a configuration file, printed the way compilers do ({@code FILE:LINE:COLUMN})
 * so that editors and terminals can jump to it.
 *
 * @param file   the file as the user named it
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record Location(Path file, int line, int column) {

    /** @return the start of {@code file}, for problems that concern the whole file */
    public static Location of(Path file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + Math.max(column, 1) : file.toString();
    }
}
