package pool.daemon.config;

import java.util.ArrayList;
import java.util.List;

/** Binding of {@code <clients>}. */
final class XmlClients {
    List<User> users = new ArrayList<>();

    /** Binding of {@code <clients><user name= hash= tenants=/>}. */
    static final class User {
        String name;
        String hash;
        /** The tenants the user may claim, whitespace-separated; null for any. */
        String tenants;
    }
}
