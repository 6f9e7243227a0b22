package pool.ormtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Runs each step of a scenario on the direct side and then on poold's side, and compares the
 * two outcomes. The direct side is the reference: a step that throws there fails outright. A
 * step that throws through poold is compared as its exception ({@link Norm#thrown}).
 *
 * <p>Every difference is also appended to {@code target/orm-differences.txt} (one line per
 * step and run), which is where the list in {@link KnownGaps} and docs/orm.md comes from.
 */
public final class Comparison<C> {

    /** The longest a step may take on one side; the slowest (10,000 rows, megabytes of LOBs) take a few seconds. */
    private static final Duration STEP_LIMIT = Duration.ofSeconds(120);

    private final String orm;
    private final Backend backend;
    private final Lazy<C> direct;
    private final Lazy<C> poold;

    public Comparison(String orm, Backend backend, Lazy<C> direct, Lazy<C> poold) {
        this.orm = orm;
        this.backend = backend;
        this.direct = direct;
        this.poold = poold;
    }

    /** One dynamic test per step that applies to this database and to this run. */
    public Stream<DynamicTest> tests(List<Step<C>> steps) {
        boolean onlyTime = "time".equals(System.getProperty("orm.steps", "all"));
        return steps.stream()
                .filter(s -> s.backends().contains(backend))
                .filter(s -> !onlyTime || s.time())
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> compare(s)));
    }

    private void compare(Step<C> step) {
        Outcome reference;
        try {
            reference = bounded(step, direct);
        } catch (Throwable t) {
            throw new AssertionError(where(step) + ": threw on the driver's own data source, which it must not", t);
        }
        Outcome remote;
        try {
            remote = bounded(step, poold);
        } catch (Throwable t) {
            remote = Outcome.threw(t);
        }
        Optional<KnownGaps.Gap> gap = KnownGaps.find(orm, backend, step.name());
        if (reference.sameAs(remote)) {
            if (gap.isPresent()) {
                Assertions.fail(where(step) + " now gives the same result through poold: remove its entry ("
                        + gap.get().item() + ") from KnownGaps and docs/orm.md");
            }
            return;
        }
        String first = reference.firstDifference(remote, "direct", "poold");
        record(step, first);
        keep(step, "direct", reference);
        keep(step, "poold", remote);
        String message = where(step) + " differs through poold at " + first + "\n  direct:\n" + reference.render()
                + "  poold:\n" + remote.render() + remote.detail();
        if (gap.isPresent()) {
            throw new TestAbortedException("known gap, " + gap.get().item() + ": " + message);
        }
        Assertions.fail(message);
    }

    /**
     * Runs the step on one side within {@link #STEP_LIMIT}, so that a step that waits forever
     * (a lock through poold that does not honour NOWAIT, say) fails instead of hanging the build.
     */
    private Outcome bounded(Step<C> step, Lazy<C> side) throws Exception {
        FutureTask<Outcome> task = new FutureTask<>(() -> step.body().run(side.get()));
        Thread worker = Thread.ofPlatform().daemon().name("step-" + step.name()).start(task);
        try {
            return task.get(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new TimeoutException("did not finish within " + STEP_LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }

    private String where(Step<C> step) {
        return "step " + step.name() + " [" + orm + " on " + backend.displayName + ", client "
                + TimeZone.getDefault().getID() + ", daemon " + Daemon.get().zone() + "]";
    }

    /** Both sides of a difference whole, beside the report: the failure message shows 40 rows of each. */
    private void keep(Step<C> step, String side, Outcome outcome) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "orm-steps");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(orm + "-" + backend.name().toLowerCase(java.util.Locale.ROOT) + "-"
                    + step.name() + "." + side + ".txt"), outcome.renderAll() + outcome.detail());
        } catch (IOException ignored) {
            // the failure itself carries the first difference
        }
    }

    private void record(Step<C> step, String first) {
        String line = String.join("\t", orm, backend.displayName, step.name(),
                TimeZone.getDefault().getID() + "/" + Daemon.get().zone(),
                KnownGaps.find(orm, backend, step.name()).map(KnownGaps.Gap::item).orElse("NEW"),
                first.replace('\n', ' ')) + "\n";
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "orm-differences.txt");
        try {
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // a report beside the test results; the failure itself carries the same text
        }
    }
}
