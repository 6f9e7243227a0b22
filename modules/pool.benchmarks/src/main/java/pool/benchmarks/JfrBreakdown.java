package pool.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU samples went, by component, from a JFR recording: for reading
 * {@link RemoteMacro}'s daemon and client profiles. Each execution sample goes to the
 * component of the frame nearest its leaf that belongs to one (so {@code ArrayList.<init>}
 * called by {@code ObjectInputStream} counts as serialization, a socket write called by
 * RMI as RMI transport, a pgjdbc call made by the remote endpoint as pgjdbc); samples
 * with no such frame are "other". Then the hottest leaf methods are listed.
 *
 * <p>Only samples of threads running Java code are counted: time in the kernel (socket
 * reads and writes, context switches) does not show up here; compare with the process's
 * user and system CPU time for that.
 *
 * <p>Run: {@code java -cp modules/pool.benchmarks/target/benchmarks.jar pool.benchmarks.JfrBreakdown FILE.jfr [top]}
 */
public final class JfrBreakdown {

    /** Component name to the class-name prefixes of its frames; checked frame by frame from the leaf. */
    private static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("password hashing (poold login, SCRAM at connect)", List.of("pool.remote.PasswordHash", "com.sun.crypto.provider.PBKDF2",
                "com.sun.crypto.provider.HmacCore", "sun.security.provider.SHA2", "sun.security.provider.DigestBase"));
        CATEGORIES.put("pgjdbc (PostgreSQL driver)", List.of("org.postgresql."));
        CATEGORIES.put("Java serialization (incl. allow-list filter)", List.of("java.io.ObjectInputStream", "java.io.ObjectOutputStream",
                "java.io.ObjectStreamClass", "pool.protocol.ProtocolFilter"));
        CATEGORIES.put("pool engine (borrow, return, reset)", List.of("pool.engine."));
        CATEGORIES.put("daemon endpoint (sessions, tickets, statements)", List.of("pool.remote."));
        CATEGORIES.put("client (pool.client)", List.of("pool.client."));
        CATEGORIES.put("RMI transport (sockets, dispatch, DGC)", List.of("sun.rmi.", "java.rmi."));
        CATEGORIES.put("HikariCP", List.of("com.zaxxer.hikari."));
        CATEGORIES.put("benchmark driver", List.of("pool.benchmarks."));
    }

    private JfrBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: JfrBreakdown FILE.jfr [top]");
            System.exit(64);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Integer> byCategory = new LinkedHashMap<>();
        CATEGORIES.keySet().forEach(k -> byCategory.put(k, 0));
        byCategory.put("other", 0);
        Map<String, Integer> byLeaf = new HashMap<>();
        int total = 0;
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) {
                    continue;
                }
                total++;
                byCategory.merge(category(st.getFrames()), 1, Integer::sum);
                RecordedFrame leaf = st.getFrames().get(0);
                byLeaf.merge(leaf.getMethod().getType().getName() + "." + leaf.getMethod().getName(), 1, Integer::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d execution samples%n%n| component | share |%n|---|---|%n", args[0], total);
        for (var en : byCategory.entrySet()) {
            if (en.getValue() > 0) {
                System.out.printf(Locale.ROOT, "| %s | %.1f %% |%n", en.getKey(), 100.0 * en.getValue() / total);
            }
        }
        System.out.printf(Locale.ROOT, "%nhottest leaf methods:%n");
        final int all = total;
        byLeaf.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(en -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * en.getValue() / all, en.getKey()));
    }

    private static String category(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) { // frames.get(0) is the leaf
            String type = f.getMethod().getType().getName();
            for (var en : CATEGORIES.entrySet()) {
                for (String prefix : en.getValue()) {
                    if (type.startsWith(prefix)) {
                        return en.getKey();
                    }
                }
            }
        }
        return "other";
    }
}
