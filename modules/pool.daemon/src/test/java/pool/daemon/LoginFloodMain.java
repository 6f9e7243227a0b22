package pool.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.server.RMISocketFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Wire;
import pool.protocol.WireException;

/**
 * A login flood in a JVM of its own, from the address {@code SOURCE} (another loopback
 * address than the real clients'): {@code THREADS} threads send logins with a wrong password
 * for {@code USER} to pool {@code POOL} at 127.0.0.1:{@code PORT}, over RMI as the client
 * library does, until standard input closes. Prints {@code HELD BACK} at the first login the
 * daemon held back, {@code FLOODED} once a hundred attempts a thread were answered, and at the
 * end one line {@code FLOOD attempts A wrong W busy B held H other O},
 * by the SQLState of each answer (28000, 53300, 08004; other: anything else, exceptions
 * included).
 *
 * <p>Arguments: {@code SOURCE PORT POOL USER THREADS}.
 */
public final class LoginFloodMain {

    private LoginFloodMain() {
    }

    public static void main(String[] args) throws Exception {
        String source = args[0];
        int port = Integer.parseInt(args[1]);
        String poolName = args[2];
        String user = args[3];
        int threads = Integer.parseInt(args[4]);
        // Every RMI socket of this JVM leaves from SOURCE: the daemon counts failures per address.
        RMISocketFactory.setSocketFactory(new RMISocketFactory() {
            @Override
            public Socket createSocket(String host, int p) throws IOException {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(source, 0));
                s.connect(new InetSocketAddress(host, p), 10_000);
                return s;
            }

            @Override
            public ServerSocket createServerSocket(int p) throws IOException {
                return new ServerSocket(p);
            }
        });
        RemotePool pool = (RemotePool) LocateRegistry.getRegistry("127.0.0.1", port).lookup(Protocol.bindingName(poolName));

        AtomicBoolean stop = new AtomicBoolean();
        LongAdder wrong = new LongAdder();
        LongAdder busy = new LongAdder();
        LongAdder held = new LongAdder();
        LongAdder other = new LongAdder();
        AtomicBoolean toldHeld = new AtomicBoolean();
        AtomicBoolean toldFlooded = new AtomicBoolean();
        LongAdder answered = new LongAdder();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().name("flood-" + t).start(() -> {
                while (!stop.get()) {
                    try {
                        LoginReply reply = Wire.decodeLoginReply(pool.login(Wire.encode(
                                new LoginRequest(Protocol.VERSION, user, "not-the-password".toCharArray(), null))));
                        String state = reply.error() == null ? "ok" : reply.error().sqlState();
                        switch (state) {
                            case Protocol.STATE_AUTH -> wrong.increment();
                            case Protocol.STATE_TOO_MANY_LOGINS -> busy.increment();
                            case Protocol.STATE_LOGIN_HELD_BACK -> {
                                held.increment();
                                if (toldHeld.compareAndSet(false, true)) {
                                    System.out.println("HELD BACK");
                                    System.out.flush();
                                }
                            }
                            default -> other.increment();
                        }
                    } catch (RemoteException | WireException | RuntimeException e) {
                        other.increment();
                        System.out.println("ERROR " + e);
                    }
                    answered.increment();
                    if (answered.sum() >= 100L * threads && toldFlooded.compareAndSet(false, true)) {
                        System.out.println("FLOODED");
                        System.out.flush();
                    }
                }
                done.countDown();
            });
        }
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // the test closes it to stop the flood
            }
        }
        stop.set(true);
        done.await();
        long attempts = wrong.sum() + busy.sum() + held.sum() + other.sum();
        System.out.println("FLOOD attempts " + attempts + " wrong " + wrong.sum() + " busy " + busy.sum() + " held "
                + held.sum() + " other " + other.sum());
        System.exit(0);
    }
}
