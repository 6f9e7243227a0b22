package pool.daemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the project's configuration files and the broken test files are. */
public final class TestFiles {

    private TestFiles() {
    }

    /** @return the reactor root, which surefire passes as poold.project.root */
    public static Path projectRoot() {
        String root = System.getProperty("poold.project.root");
        return root != null ? Path.of(root) : Path.of("../..").toAbsolutePath().normalize();
    }

    public static Path brokenConfig(String name) {
        return projectRoot().resolve("modules/pool.daemon/src/test/resources/broken").resolve(name);
    }

    public static List<Path> brokenConfigs() throws IOException {
        try (Stream<Path> files = Files.list(brokenConfig(""))) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
    }

    /** @return the 1-based line carrying the {@code <!-- ERROR -->} marker */
    public static int markedErrorLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("<!-- ERROR -->")) {
                return i + 1;
            }
        }
        throw new IllegalStateException(file + " has no <!-- ERROR --> marker");
    }

    /** @return every configuration the project ships */
    public static List<Path> shippedConfigs() throws IOException {
        try (Stream<Path> examples = Files.list(projectRoot().resolve("config/examples"))) {
            return Stream.concat(Stream.of(projectRoot().resolve("config/pools.xml")),
                    examples.filter(f -> f.toString().endsWith(".xml")).sorted()).toList();
        }
    }
}
