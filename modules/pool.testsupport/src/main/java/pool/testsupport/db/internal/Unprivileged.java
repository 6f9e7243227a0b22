package pool.testsupport.db.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs server processes as an unprivileged user when the JVM runs as root.
 *
 * <p>PostgreSQL refuses to run as root, and a throwaway test server should not have root's
 * powers anyway. Every command is wrapped in {@code setpriv} (util-linux), which also sets
 * the parent-death signal (see {@link ProcessLauncher}); setpriv applies it after changing
 * the user, because a credential change clears it.
 */
public final class Unprivileged {
    /** The account servers run as when the JVM is root: a dedicated one when it exists. */
    private static final List<String> CANDIDATE_USERS = List.of("poold-test", "nobody");

    private static Unprivileged current;

    private final boolean root;
    private final String userName;
    private final int uid;
    private final int gid;
    private final String setpriv;

    private Unprivileged(boolean root, String userName, int uid, int gid, String setpriv) {
        this.root = root;
        this.userName = userName;
        this.uid = uid;
        this.gid = gid;
        this.setpriv = setpriv;
    }

    /**
     * How this JVM runs servers. Detected on first use, not in a static initializer, so that
     * a missing setpriv is reported with its message on every attempt rather than once and
     * then as NoClassDefFoundError.
     */
    public static synchronized Unprivileged current() {
        if (current == null) {
            current = detect();
        }
        return current;
    }

    private static Unprivileged detect() {
        String setpriv = Binaries.findOnPath("setpriv", List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"))
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(
                        "setpriv not found: the test database harness needs it to run servers as a "
                                + "non-root user and to tie their life to the JVM. Install util-linux "
                                + "(Debian/Ubuntu: apt-get install util-linux)."));
        int myUid = currentUid();
        if (myUid != 0) {
            return new Unprivileged(false, System.getProperty("user.name"), myUid, -1, setpriv);
        }
        List<String> passwd = readLines(Path.of("/etc/passwd"));
        for (String candidate : CANDIDATE_USERS) {
            for (String line : passwd) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(candidate)) {
                    return new Unprivileged(true, candidate, Integer.parseInt(f[2]), Integer.parseInt(f[3]), setpriv);
                }
            }
        }
        throw new IllegalStateException("running as root, but none of the users " + CANDIDATE_USERS
                + " exists to run the test databases as; create one (useradd --system poold-test)");
    }

    private static int currentUid() {
        for (String line : readLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
            }
        }
        throw new IllegalStateException("cannot read the effective uid from /proc/self/status");
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the JVM runs as root and servers therefore run as {@link #userName()}. */
    public boolean switchesUser() {
        return root;
    }

    public String userName() {
        return userName;
    }

    /** {@code command} wrapped so that it runs unprivileged and dies with the launcher thread. */
    public List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>();
        wrapped.add(setpriv);
        if (root) {
            wrapped.add("--reuid=" + uid);
            wrapped.add("--regid=" + gid);
            wrapped.add("--clear-groups");
        }
        wrapped.add("--pdeathsig=KILL");
        wrapped.add("--");
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands {@code path} to the server user, so that a server may create files in it. */
    public void own(Path path) {
        if (!root) {
            return;
        }
        try {
            Files.setAttribute(path, "unix:uid", uid);
            Files.setAttribute(path, "unix:gid", gid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + path + " to user " + userName, e);
        }
    }

    /**
     * Whether the server user can reach and write {@code dir}. Asks the kernel by running
     * {@code test} as that user, since ACLs and mount options make permission bits unreliable.
     */
    public boolean canWrite(Path dir) {
        if (!root) {
            return Files.isWritable(dir);
        }
        List<String> command = new ArrayList<>(wrap(List.of("test", "-w", dir.toString(), "-a", "-x", dir.toString())));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
