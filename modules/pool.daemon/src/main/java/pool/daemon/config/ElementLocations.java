package pool.daemon.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each element of a bound file starts, keyed by a path such as
 * {@code /poold[1]/pool[2]/minIdle[1]} (every step carries its 1-based index among
 * same-named siblings, as in XPath). The mapping uses it to put a semantic error,
 * such as minIdle above maxSize, on the line of the element at fault.
 */
final class ElementLocations {

    private final Path file;
    private final Map<String, Location> byPath = new HashMap<>();

    ElementLocations(Path file) {
        this.file = file;
    }

    void put(String path, int line, int column) {
        byPath.put(path, new Location(file, line, column));
    }

    /** @return where {@code path} starts, else where its nearest recorded ancestor does, else the file */
    Location of(String path) {
        for (String p = path; !p.isEmpty(); p = p.substring(0, Math.max(p.lastIndexOf('/'), 0))) {
            Location l = byPath.get(p);
            if (l != null) {
                return l;
            }
        }
        return Location.of(file);
    }

    static String child(String parent, String name, int index) {
        return parent + "/" + name + "[" + index + "]";
    }
}
