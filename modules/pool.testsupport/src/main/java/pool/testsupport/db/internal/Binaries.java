package pool.testsupport.db.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the installed database server programs, or says what to install. */
public final class Binaries {
    private Binaries() {}

    /**
     * The directory holding {@code initdb}, {@code postgres} and {@code pg_basebackup}.
     * System property {@code poold.test.pgbin} wins; then the newest Debian-style
     * {@code /usr/lib/postgresql/N/bin}; then RHEL-style {@code /usr/pgsql-N/bin}; then PATH.
     */
    public static Path postgresBin() {
        String configured = System.getProperty("poold.test.pgbin");
        if (configured != null) {
            Path dir = Path.of(configured);
            if (Files.isExecutable(dir.resolve("postgres"))) {
                return dir;
            }
            throw new IllegalStateException("poold.test.pgbin=" + configured + " holds no postgres executable");
        }
        List<Path> candidates = new ArrayList<>();
        candidates.addAll(versionedDirs(Path.of("/usr/lib/postgresql"), "", "bin"));
        candidates.addAll(versionedDirs(Path.of("/usr"), "pgsql-", "bin"));
        for (Path dir : candidates) {
            if (Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres"))) {
                return dir;
            }
        }
        return findOnPath("initdb", List.of())
                .map(Path::getParent)
                .filter(dir -> Files.isExecutable(dir.resolve("postgres")))
                .orElseThrow(() -> new IllegalStateException(
                        "PostgreSQL server binaries (initdb, postgres, pg_basebackup) not found in "
                                + "/usr/lib/postgresql/*/bin, /usr/pgsql-*/bin or PATH. Install the server "
                                + "(Debian/Ubuntu: apt-get install postgresql), or point -Dpoold.test.pgbin at "
                                + "its bin directory."));
    }

    /** The MariaDB server ({@code mariadbd}, or {@code mysqld} on older packages). */
    public static Path mariadbd() {
        List<String> dirs = List.of("/usr/sbin", "/usr/libexec", "/usr/local/mysql/bin", "/usr/local/bin");
        return findOnPath("mariadbd", dirs)
                .or(() -> findOnPath("mysqld", dirs).filter(Binaries::isMariaDb))
                .orElseThrow(() -> missingMariaDb("mariadbd"));
    }

    /** The data directory initializer ({@code mariadb-install-db}, formerly {@code mysql_install_db}). */
    public static Path mariadbInstallDb() {
        List<String> dirs = List.of("/usr/bin", "/usr/local/mysql/scripts", "/usr/local/bin", "/usr/scripts");
        return findOnPath("mariadb-install-db", dirs)
                .or(() -> findOnPath("mysql_install_db", dirs))
                .orElseThrow(() -> missingMariaDb("mariadb-install-db"));
    }

    private static IllegalStateException missingMariaDb(String program) {
        return new IllegalStateException(program + " not found in PATH or the usual directories. Install the "
                + "MariaDB server (Debian/Ubuntu: apt-get install mariadb-server).");
    }

    private static boolean isMariaDb(Path mysqld) {
        // Debian's mysqld is a symlink to mariadbd; an Oracle MySQL server cannot be used.
        try {
            return mysqld.toRealPath().getFileName().toString().contains("mariadb");
        } catch (IOException e) {
            return false;
        }
    }

    /** Looks for {@code program} in PATH and then in {@code extraDirs}. */
    static Optional<Path> findOnPath(String program, List<String> extraDirs) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(extraDirs);
        return dirs.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** {@code parent/<prefix>N/<child>} for every numeric N, highest first. */
    private static List<Path> versionedDirs(Path parent, String prefix, String child) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(prefix) && name.substring(prefix.length()).matches("\\d+(\\.\\d+)?");
                    })
                    .sorted(Comparator.comparingDouble(
                            (Path p) -> Double.parseDouble(p.getFileName().toString().substring(prefix.length())))
                            .reversed())
                    .map(p -> p.resolve(child))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
