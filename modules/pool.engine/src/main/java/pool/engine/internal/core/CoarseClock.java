package pool.engine.internal.core;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The pool's clock ({@link PoolClock}) in production: the kernel's
 * {@code CLOCK_MONOTONIC_COARSE} where it can be read, else {@link System#nanoTime()}.
 *
 * <p><b>Why.</b> Every borrow needs the time (the validation skip window, maxLifetime, the
 * borrow record for leak reports). {@code System.nanoTime()} reads {@code CLOCK_MONOTONIC},
 * which on a KVM guest ({@code kvm-clock}) costs 30-45 ns: about as much as the rest of a
 * borrow and return together. The coarse clock is the same monotonic time base, kept by
 * the kernel at each timer tick; reading it here costs about 15 ns, and it lags the precise
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
 * ({@code --enable-native-access=pool.engine}, or {@code ALL-UNNAMED} on the class path),
 * unless {@code -Dpoold.coarseClock=false}. Without it nothing is called and no warning is
 * printed: the pool reads {@code System.nanoTime()}. The daemon's launcher does not pass it:
 * behind a remote call of microseconds the 20 ns saved per borrow do not pay for the FFM
 * classes that linking the call loads at start.
 */
public final class CoarseClock implements PoolClock {

    private static final int CLOCK_MONOTONIC_COARSE = 6; // <linux/time.h>

    /*
     * clock_gettime writes a struct timespec; a new array per call would make every borrow
     * allocate. Instead a fixed set of native buffers (one struct each, two cache lines
     * apart), one per stripe of threads, claimed by CAS for the call: no allocation, nothing
     * per thread (a million virtual threads share the 64), and a thread mostly finds its
     * stripe's line in its own cache. A claim that fails (two threads on one stripe at the
     * same instant) reads System.nanoTime() instead.
     */
    private static final int STRIPES = 64;
    private static final long STRIPE_BYTES = 128;
    private static final int CLAIM_SPACING = 16; // ints: 64 bytes between two claim flags
    private static final MemorySegment[] BUFFERS = new MemorySegment[STRIPES];
    private static final AtomicIntegerArray CLAIMS = new AtomicIntegerArray(STRIPES * CLAIM_SPACING);

    /** clock_gettime(int, struct timespec*); null when the coarse clock is not used. */
    private static final MethodHandle CLOCK_GETTIME = link();

    /** The one instance: the default clock of {@link EngineTuning}. */
    public static final CoarseClock INSTANCE = new CoarseClock();

    private CoarseClock() {
    }

    /** @return nanoseconds on the {@link System#nanoTime()} time base, possibly a tick early */
    @Override
    public long now() {
        MethodHandle h = CLOCK_GETTIME;
        if (h != null) {
            long id = Thread.currentThread().threadId();
            int stripe = (int) (id ^ (id >>> 16)) & (STRIPES - 1);
            int claim = stripe * CLAIM_SPACING;
            if (CLAIMS.compareAndSet(claim, 0, 1)) {
                try {
                    MemorySegment ts = BUFFERS[stripe];
                    if ((int) h.invokeExact(CLOCK_MONOTONIC_COARSE, ts) == 0) {
                        return nanos(ts);
                    }
                } catch (Throwable unexpected) {
                    // fall through: the precise clock is always right
                } finally {
                    CLAIMS.setRelease(claim, 0);
                }
            }
        }
        return System.nanoTime();
    }

    /** @return whether {@link #now()} reads the coarse kernel clock (for logs and tests) */
    public static boolean coarse() {
        return CLOCK_GETTIME != null;
    }

    /** struct timespec { time_t tv_sec; long tv_nsec; } on LP64 */
    private static long nanos(MemorySegment ts) {
        return ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
    }

    private static MethodHandle link() {
        // Native access first: without it not one class of the FFM API is loaded.
        if (!CoarseClock.class.getModule().isNativeAccessEnabled()
                || !Boolean.parseBoolean(System.getProperty("poold.coarseClock", "true"))
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                || ValueLayout.ADDRESS.byteSize() != 8) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle h = linker.downcallHandle(linker.defaultLookup().find("clock_gettime").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                    Linker.Option.critical(false)); // a few ns, never blocks: no thread-state transition
            MemorySegment all = Arena.global().allocate(STRIPES * STRIPE_BYTES, STRIPE_BYTES);
            for (int i = 0; i < STRIPES; i++) {
                BUFFERS[i] = all.asSlice(i * STRIPE_BYTES, 16);
            }
            return agreesWithNanoTime(h) ? h : null;
        } catch (Throwable e) {
            return null;
        }
    }

    /** Trust it only if it reads as the same time base as nanoTime, a little behind. */
    private static boolean agreesWithNanoTime(MethodHandle h) throws Throwable {
        MemorySegment ts = BUFFERS[0];
        if ((int) h.invokeExact(CLOCK_MONOTONIC_COARSE, ts) != 0) {
            return false;
        }
        long lag = System.nanoTime() - nanos(ts);
        return lag >= 0 && lag < 100_000_000L;
    }
}
