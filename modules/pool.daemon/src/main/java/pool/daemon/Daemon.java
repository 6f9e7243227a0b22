package pool.daemon;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The running daemon. SIGTERM and SIGINT end it with exit code 0 (the JVM's own
 * handler would exit 143, which systemd reports as a failure).
 */
final class Daemon {

    private static final Logger LOG = System.getLogger("poold");

    private final Path configFile;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Daemon(Path configFile) {
        this.configFile = configFile;
    }

    void start() throws ConfigException {
        new ConfigCheck().check(configFile);
        Signal.handle(new Signal("TERM"), s -> stop("SIGTERM"));
        Signal.handle(new Signal("INT"), s -> stop("SIGINT"));
        LOG.log(Level.INFO, "poold started with {0} (pid {1})", configFile, ProcessHandle.current().pid());
    }

    void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    private void stop(String why) {
        LOG.log(Level.INFO, "poold stopping on {0}", why);
        stopped.countDown();
    }
}
