package pool.daemon.config;

import java.util.ArrayList;
import java.util.List;

/** Binding of {@code <jmx>}. */
final class XmlJmx {
    List<User> users = new ArrayList<>();

    /** Binding of {@code <jmx><user name= hash= role=/>}. */
    static final class User {
        String name;
        String hash;
        String role;
    }
}
