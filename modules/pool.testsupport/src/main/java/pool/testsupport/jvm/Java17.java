package pool.testsupport.jvm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Java 17 JDK on this machine, for tests that run a client the way an application server
 * on Java 17 would: {@code pool.api}, {@code pool.protocol} and {@code pool.client} compile
 * with {@code --release 17} because such servers load them. The client's own source file is
 * run in source-file mode ({@code java Client.java}), so the JDK needs its compiler.
 */
public final class Java17 {

    private Java17() {
    }

    /**
     * @return the {@code java} launcher of a Java 17 JDK: {@code $JAVA17_HOME} when set, else
     *         the first JDK 17 under {@code /usr/lib/jvm}; empty when there is none
     */
    public static Optional<Path> find() {
        List<Path> homes = new ArrayList<>();
        String env = System.getenv("JAVA17_HOME");
        if (env != null && !env.isBlank()) {
            homes.add(Path.of(env));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvms)) {
                dirs.forEach(homes::add);
            } catch (IOException e) {
                // no candidates there
            }
        }
        return homes.stream().filter(Java17::isJdk17).map(h -> h.resolve("bin/java")).findFirst();
    }

    private static boolean isJdk17(Path home) {
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isExecutable(home.resolve("bin/javac"))) {
            return false;
        }
        try {
            // The JDK's release file: JAVA_VERSION="17.0.15"
            return Files.readAllLines(home.resolve("release")).stream()
                    .anyMatch(l -> l.startsWith("JAVA_VERSION=\"17.") || l.equals("JAVA_VERSION=\"17\""));
        } catch (IOException e) {
            return false;
        }
    }
}
