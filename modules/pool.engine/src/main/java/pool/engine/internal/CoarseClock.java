package pool.engine.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The clock of the borrow and return fast path: the kernel's
 * {@code CLOCK_MONOTONIC_COARSE} where it can be read, else {@link System#nanoTime()}.
 *
 * <p><b>Why.</b> Every borrow needs the time (the validation skip window, maxLifetime, the
 * borrow record for leak reports). {@code System.nanoTime()} reads {@code CLOCK_MONOTONIC},
 * which on a KVM guest ({@code kvm-clock}) costs 30-45 ns: about as much as the rest of a
 * borrow and return together. The coarse clock is the same monotonic time base, kept by
 * the kernel at each timer tick; reading it costs under 10 ns, and it lags the precise
 * clock by at most about one tick (1-4 ms at HZ 1000-250).
 *
 * <p><b>Why that lag is safe here.</b> Values from both clocks are comparable (one time
 * base); a coarse reading is only ever a few milliseconds early. For the skip window that
 * means a connection idle up to one tick past the window (500 ms by default) may still be
 * handed out unchecked; for maxLifetime and leak thresholds, a few milliseconds on minutes.
 * Unlike a clock cached by a ticker thread of our own, the lag cannot grow when the JVM
 * stalls (GC pause, starved threads): the kernel keeps this clock. Deadlines of waiting
 * borrowers and everything off the fast path keep using {@code System.nanoTime()}.
 *
 * <p><b>When.</b> Linux on a 64-bit platform, with native access enabled for this module
 * ({@code --enable-native-access=pool.engine}, or {@code ALL-UNNAMED} on the class path;
 * the daemon's launcher passes it), unless {@code -Dpoold.coarseClock=false}. Without it
 * nothing is called and no warning is printed: the pool reads {@code System.nanoTime()}.
 */
public final class CoarseClock {

    private static final int CLOCK_MONOTONIC_COARSE = 6; // <linux/time.h>

    /** clock_gettime(int, struct timespec*); null when the coarse clock is not used. */
    private static final MethodHandle CLOCK_GETTIME = link();

    private CoarseClock() {
    }

    /** @return nanoseconds on the {@link System#nanoTime()} time base, possibly a tick early */
    public static long now() {
        MethodHandle h = CLOCK_GETTIME;
        if (h != null) {
            long[] ts = new long[2]; // struct timespec { time_t tv_sec; long tv_nsec; } on LP64
            try {
                if ((int) h.invokeExact(CLOCK_MONOTONIC_COARSE, MemorySegment.ofArray(ts)) == 0) {
                    return ts[0] * 1_000_000_000L + ts[1];
                }
            } catch (Throwable unexpected) {
                // fall through: the precise clock is always right
            }
        }
        return System.nanoTime();
    }

    /** @return whether {@link #now()} reads the coarse kernel clock (for logs and tests) */
    public static boolean coarse() {
        return CLOCK_GETTIME != null;
    }

    private static MethodHandle link() {
        if (!Boolean.parseBoolean(System.getProperty("poold.coarseClock", "true"))
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                || ValueLayout.ADDRESS.byteSize() != 8
                || !CoarseClock.class.getModule().isNativeAccessEnabled()) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle h = linker.downcallHandle(linker.defaultLookup().find("clock_gettime").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                    Linker.Option.critical(true)); // a few ns, never blocks: heap array, no thread transition
            return agreesWithNanoTime(h) ? h : null;
        } catch (Throwable e) {
            return null;
        }
    }

    /** Trust it only if it reads as the same time base as nanoTime, a little behind. */
    private static boolean agreesWithNanoTime(MethodHandle h) throws Throwable {
        long[] ts = new long[2];
        if ((int) h.invokeExact(CLOCK_MONOTONIC_COARSE, MemorySegment.ofArray(ts)) != 0) {
            return false;
        }
        long lag = System.nanoTime() - (ts[0] * 1_000_000_000L + ts[1]);
        return lag >= 0 && lag < 100_000_000L;
    }
}
