package pool.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a benchmark main once per pool, each in a fresh JVM with this JVM's options, as
 * JMH forks do. In one JVM the pools measured later would run with call sites the
 * earlier pools made megamorphic (one {@code DataSource.getConnection} site, five
 * implementations), and their garbage and compiled code around: the order would decide
 * the numbers.
 */
final class PerPoolJvm {

    /** Set in a child so that it prints no header of its own. */
    static final String CHILD = "poold.bench.child";

    private PerPoolJvm() {
    }

    static boolean isChild() {
        return Boolean.getBoolean(CHILD);
    }

    /** Runs {@code main} of {@code type} with {@code args} plus each pool's name, one JVM at a time. */
    static void forEachPool(Class<?> type, String[] args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (PoolUnderTest pool : PoolUnderTest.values()) {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-D" + CHILD + "=true");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(type.getName());
            cmd.addAll(Arrays.asList(args));
            cmd.add(pool.name());
            int exit = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(pool + " run exited with " + exit);
            }
        }
    }
}
