package pool.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import pool.jmx.PoolMXBean;

/** {@code resize POOL MIN MAX}: minIdle and maxSize in one change, so no order of the two is ever invalid. */
final class ResizeCommand implements Command {

    @Override public String name() { return "resize"; }
    @Override public List<String> parameters() { return List.of("POOL", "MIN", "MAX"); }
    @Override public boolean changes() { return true; }

    @Override
    public String summary() {
        return "set minIdle and maxSize together";
    }

    @Override
    public int run(Session s, List<String> arguments) throws IOException {
        String pool = arguments.get(0);
        int min;
        int max;
        try {
            min = wholeNumber(arguments.get(1), "MIN");
            max = wholeNumber(arguments.get(2), "MAX");
        } catch (IllegalArgumentException e) {
            s.err().println("poolctl: " + e.getMessage());
            return Poolctl.USAGE;
        }
        PoolMXBean p = s.pool(pool);
        if (p == null) {
            return Poolctl.REFUSED;
        }
        try {
            p.resize(min, max);
        } catch (SecurityException e) {
            throw e;
        } catch (RuntimeException e) {
            return s.refused(e);
        }
        s.print(Map.of("pool", pool, "minIdle", p.getMinIdle(), "maxSize", p.getMaxSize()),
                pool + ": minIdle " + p.getMinIdle() + ", maxSize " + p.getMaxSize());
        return Poolctl.OK;
    }

    private static int wholeNumber(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not '" + s + "'");
        }
    }
}
