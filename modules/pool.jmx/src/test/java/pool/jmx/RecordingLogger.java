package pool.jmx;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A {@link System.Logger} that keeps each line, formatted as the daemon's log formats it, with its level. */
public final class RecordingLogger implements System.Logger {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** @return every line so far, each as {@code LEVEL message} */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(level + " " + msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(level + " " + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
        lines.add(level + " " + msgSupplier.get());
    }
}
