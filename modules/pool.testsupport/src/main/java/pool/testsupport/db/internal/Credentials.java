package pool.testsupport.db.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The logins every test server gets. Passwords are random per run so that no test can
 * depend on a literal and a wrong-password test really uses a wrong one.
 */
public record Credentials(String user, String password, String adminUser, String adminPassword,
                          String replicationUser, String replicationPassword) {

    public static Credentials random(String adminUser) {
        return new Credentials("app", secret(), adminUser, secret(), "repl", secret());
    }

    private static String secret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes); // hex: safe inside SQL literals and conninfo strings
    }
}
