package pool.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import pool.jmx.LiveSetting;
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
            min = wholeNumber(arguments.get(1), "MIN", LiveSetting.MIN_IDLE);
            max = wholeNumber(arguments.get(2), "MAX", LiveSetting.MAX_SIZE);
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

    /**
     * A value below its setting's own bound is a usage error (64), as {@code set} makes it;
     * only what the pool checks of the whole set (MIN above MAX) is the daemon's refusal (1).
     */
    private static int wholeNumber(String s, String what, LiveSetting setting) {
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not '" + s + "'");
        }
        if (n < setting.minimum()) {
            throw new IllegalArgumentException(what + " (" + setting.settingName() + ") must be >= "
                    + setting.minimum() + "; got " + n);
        }
        return n;
    }
}
