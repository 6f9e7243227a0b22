package pool.benchmarks.macro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports for the benchmark's servers. */
public final class Ports {

    private Ports() {
    }

    /** A port of 127.0.0.1 that nobody listened on a moment ago. */
    public static int freeLoopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind any port on 127.0.0.1", e);
        }
    }

    /**
     * Waits until something accepts connections on {@code port} of 127.0.0.1.
     *
     * @return false when {@code process} died or {@code timeout} passed first
     */
    public static boolean awaitListening(int port, Process process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    return false;
                }
                Thread.sleep(50);
            }
        }
        return false;
    }
}
