package pool.daemon.systemd;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The listening end of a systemd notification socket, as systemd opens it: a Unix datagram
 * socket bound to a path, or to a name in the abstract namespace ({@code @name}), read
 * through the C library (the JDK has no Unix datagram sockets). Written apart from
 * {@link UnixDatagram}, so that a mistake in one is not repeated in the other.
 */
public final class NotifyListener implements AutoCloseable {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int EAGAIN = 11;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle SOCKET = handle("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = handle("bind",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LIBC.find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final String name;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = arena.allocate(Linker.Option.captureStateLayout());

    private NotifyListener(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    private static MethodHandle handle(String function, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(function).orElseThrow(), descriptor, ERRNO);
    }

    /** @param name an absolute path, or {@code @name} for the abstract namespace */
    public static NotifyListener bind(String name) throws IOException {
        try (Arena local = Arena.ofConfined()) {
            MemorySegment errno = local.allocate(Linker.Option.captureStateLayout());
            int fd = (int) SOCKET.invokeExact(errno, AF_UNIX, SOCK_DGRAM, 0);
            if (fd < 0) {
                throw new IOException("socket: errno " + errno.get(ValueLayout.JAVA_INT, 0));
            }
            // struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }, zeroed
            MemorySegment address = local.allocate(110);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            byte[] path = name.getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(path, 0, address, ValueLayout.JAVA_BYTE, 2, path.length);
            int length = 2 + path.length;
            if (name.startsWith("@")) {
                address.set(ValueLayout.JAVA_BYTE, 2, (byte) 0);
            } else {
                length++; // the path's terminating NUL
            }
            if ((int) BIND.invokeExact(errno, fd, address, length) != 0) {
                int ignored = (int) CLOSE.invokeExact(fd);
                throw new IOException("bind " + name + ": errno " + errno.get(ValueLayout.JAVA_INT, 0));
            }
            return new NotifyListener(name, fd);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** @return what to put in {@code NOTIFY_SOCKET} */
    public String name() {
        return name;
    }

    /** @return the next datagram, or null when none comes within {@code timeout} */
    public String receive(Duration timeout) throws IOException {
        try {
            MemorySegment timeval = arena.allocate(16);
            timeval.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
            timeval.set(ValueLayout.JAVA_LONG, 8, timeout.toMillisPart() * 1000L);
            if ((int) SETSOCKOPT.invokeExact(errno, fd, SOL_SOCKET, SO_RCVTIMEO, timeval, 16) != 0) {
                throw new IOException("setsockopt SO_RCVTIMEO: errno " + errno.get(ValueLayout.JAVA_INT, 0));
            }
            MemorySegment buffer = arena.allocate(4096);
            long n = (long) RECV.invokeExact(errno, fd, buffer, 4096L, 0);
            if (n < 0) {
                int e = errno.get(ValueLayout.JAVA_INT, 0);
                if (e == EAGAIN) {
                    return null;
                }
                throw new IOException("recv: errno " + e);
            }
            return new String(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        arena.close();
    }
}
