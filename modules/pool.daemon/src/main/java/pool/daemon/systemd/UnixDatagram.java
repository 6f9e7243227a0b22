package pool.daemon.systemd;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;

/**
 * One datagram to a Unix socket, sent through the C library with the FFM API: the JDK's
 * {@code SocketChannel} speaks Unix stream sockets only, and systemd's notification socket
 * is a datagram socket. Linux only (the numbers below are Linux's), like systemd.
 */
final class UnixDatagram {

    // <bits/socket.h>, <bits/socket_type.h> on Linux, every architecture
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    // <bits/socket.h>: never block the caller (a full queue drops the message), no SIGPIPE
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** {@code struct sockaddr_un}: a two-byte family, then {@code char sun_path[108]}. */
    private static final int SUN_PATH_OFFSET = 2;
    private static final int SUN_PATH_SIZE = 108;

    private UnixDatagram() {
    }

    /**
     * @param name a socket path ({@code /run/systemd/notify}), or {@code @name} for Linux's
     *             abstract namespace, as {@code $NOTIFY_SOCKET} names it
     * @return the {@code struct sockaddr_un} for it, as long as the address needs
     * @throws IllegalArgumentException when the name is neither or does not fit
     */
    static byte[] address(String name) {
        boolean isAbstract = name.startsWith("@");
        if (!isAbstract && !name.startsWith("/")) {
            throw new IllegalArgumentException("'" + name + "' is neither an absolute socket path nor an abstract"
                    + " socket name starting with '@'");
        }
        byte[] path = name.getBytes(fileNameCharset());
        // A path ends with a NUL inside sun_path; an abstract name starts with one instead of '@'.
        int length = isAbstract ? path.length : path.length + 1;
        if (length > SUN_PATH_SIZE) {
            throw new IllegalArgumentException("socket name '" + name + "' is longer than a Unix socket address holds ("
                    + SUN_PATH_SIZE + " bytes)");
        }
        byte[] address = new byte[SUN_PATH_OFFSET + length];
        short family = (short) AF_UNIX;
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            address[0] = (byte) family;
        } else {
            address[1] = (byte) family;
        }
        System.arraycopy(path, 0, address, SUN_PATH_OFFSET, path.length);
        if (isAbstract) {
            address[SUN_PATH_OFFSET] = 0;
        }
        return address;
    }

    /**
     * Sends {@code payload} as one datagram to {@code address} from a socket of its own.
     *
     * @throws IOException naming the C library's reason when the socket cannot be made or
     *                     the datagram is not taken
     */
    static void send(byte[] address, byte[] payload) throws IOException {
        Libc c = Libc.INSTANCE;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Linker.Option.captureStateLayout());
            int fd = (int) c.socket.invokeExact(errno, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket(AF_UNIX, SOCK_DGRAM): " + c.strerror(errno));
            }
            try {
                MemorySegment to = arena.allocateFrom(ValueLayout.JAVA_BYTE, address);
                MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_BYTE, payload);
                long sent = (long) c.sendto.invokeExact(errno, fd, data, (long) payload.length,
                        MSG_DONTWAIT | MSG_NOSIGNAL, to, address.length);
                if (sent < 0) {
                    throw new IOException(c.strerror(errno));
                }
            } finally {
                int ignored = (int) c.close.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("calling the C library failed", t);
        }
    }

    /** How the JDK itself encodes file names for the operating system. */
    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        return name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
    }

    /** The C functions, linked on first use: only a daemon that systemd watches needs them. */
    private static final class Libc {

        static final Libc INSTANCE = new Libc();

        final MethodHandle socket;
        final MethodHandle sendto;
        final MethodHandle close;
        private final MethodHandle strerrorHandle;
        private final VarHandle errnoHandle;

        private Libc() {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            socket = linker.downcallHandle(libc.find("socket").orElseThrow(), FunctionDescriptor.of(
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
            sendto = linker.downcallHandle(libc.find("sendto").orElseThrow(), FunctionDescriptor.of(
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errno);
            close = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            strerrorHandle = linker.downcallHandle(libc.find("strerror").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            errnoHandle = Linker.Option.captureStateLayout().varHandle(MemoryLayout.PathElement.groupElement("errno"));
        }

        /** @return the C library's words for the errno a call captured in {@code state} */
        String strerror(MemorySegment state) throws Throwable {
            int errno = (int) errnoHandle.get(state, 0L);
            MemorySegment text = (MemorySegment) strerrorHandle.invokeExact(errno);
            return text.reinterpret(256).getString(0) + " (errno " + errno + ")";
        }
    }
}
