package pool.daemon.config;

import java.util.List;
import java.util.Map;

/**
 * The password hashes the project ships in {@code config/pools.xml}, whose passwords
 * the file itself publishes. A daemon that listens beyond loopback while any user (of
 * any kind: client users, JMX users) still has one of them would let anyone who reaches
 * the host log in, so such a file is refused.
 *
 * <p>A new kind of user takes part with one line in {@link ConfigMapper}, adding its
 * users as {@link Credential}s; a new shipped hash goes in {@link #SHIPPED} (a test
 * checks that every hash in {@code config/pools.xml} is there).
 */
public final class DemoCredentials {

    /** Shipped hash to the password config/pools.xml publishes for it. */
    private static final Map<String, String> SHIPPED = Map.of(
            "pbkdf2-sha256$600000$i0yY4veslqxOgSOePyvpSg$NJg0YSBcghCf8HGji+WzWlEhXnUljeXBhqx+bqqxODw", "demo",
            "pbkdf2-sha256$600000$voxABqer9uxiBnM1GZjI6A$kDsegAG5HDaOBzcLaeT7DB4A8aSXX9TNNXR+sabVfu4", "ops");

    /**
     * A user with a password hash, as the file defines it.
     *
     * @param kind  what sort of user, as a message names it ("client user", "JMX user")
     * @param name  the user's name
     * @param hash  the stored hash
     * @param where where the file defines the user
     */
    public record Credential(String kind, String name, String hash, Location where) {
    }

    private DemoCredentials() {
    }

    /** @return whether {@code hash} is one config/pools.xml ships */
    public static boolean isShipped(String hash) {
        return SHIPPED.containsKey(hash);
    }

    /**
     * Records a problem for every user with a shipped hash when the daemon is, or would
     * be, reachable from other hosts.
     *
     * @param listenAddress the file's listen address
     * @param listeningOn   the address a running daemon listens on until it restarts, or null
     */
    static void check(String listenAddress, String listeningOn, List<Credential> credentials, ConfigProblems problems) {
        String reachable = !Loopback.is(listenAddress) ? "listenAddress " + listenAddress + " lets other hosts log in"
                : listeningOn != null && !Loopback.is(listeningOn) ? "poold listens on " + listeningOn
                        + " until it restarts, which lets other hosts log in" : null;
        if (reachable == null) {
            return;
        }
        for (Credential c : credentials) {
            String password = SHIPPED.get(c.hash());
            if (password != null) {
                problems.add(c.where(), c.kind() + " '" + c.name() + "' still has the demo hash config/pools.xml"
                        + " ships (its password, \"" + password + "\", is written there for anyone to read), and "
                        + reachable + ": give the user a password of your own (poold --hash-password prints its"
                        + " hash) or remove the user, or listen on 127.0.0.1");
            }
        }
    }
}
