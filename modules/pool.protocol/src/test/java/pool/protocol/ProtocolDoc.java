package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docs/protocol.md as {@link ProtocolDocTest} reads it: its sections, tag tables and enum codes. */
final class ProtocolDoc {

    private ProtocolDoc() {
    }

    private static final Pattern TAG_ROW = Pattern.compile("^\\| (\\d+) \\| `([A-Z_]+)` \\|");
    private static final Pattern CODE = Pattern.compile("(\\d+) `([A-Z_]+)`");

    static List<String> doc() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("docs/protocol.md");
            if (Files.isRegularFile(p)) {
                return Files.readAllLines(p, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("docs/protocol.md not found above " + Path.of("").toAbsolutePath());
    }

    /** @return the lines of the section under the heading that starts with {@code heading}, to the next heading */
    static List<String> section(String heading) throws IOException {
        List<String> lines = doc();
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("#")) {
                if (in) {
                    break;
                }
                in = line.startsWith(heading);
                continue;
            }
            if (in) {
                out.add(line);
            }
        }
        assertFalse(out.isEmpty(), "no section '" + heading + "' in docs/protocol.md");
        return out;
    }

    /** @return name to code of the table rows {@code | code | `NAME` |} of a section */
    static Map<String, Integer> tags(String heading) throws IOException {
        Map<String, Integer> tags = new LinkedHashMap<>();
        for (String line : section(heading)) {
            Matcher m = TAG_ROW.matcher(line);
            if (m.find()) {
                tags.put(m.group(2), Integer.parseInt(m.group(1)));
            }
        }
        return tags;
    }

    /** @return name to code of the {@code 0 `NAME`, 1 `NAME`} list in the row of the §5 enum table that starts with {@code row} */
    static Map<String, Integer> enumCodes(String row) throws IOException {
        for (String line : section("## 5.")) {
            if (line.startsWith("| " + row)) {
                Map<String, Integer> codes = new LinkedHashMap<>();
                Matcher m = CODE.matcher(line);
                while (m.find()) {
                    codes.put(m.group(2), Integer.parseInt(m.group(1)));
                }
                return codes;
            }
        }
        throw new AssertionError("no enum row '" + row + "' in docs/protocol.md section 5");
    }
}
