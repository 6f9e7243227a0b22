package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private static Connection connection() {
        return (Connection) Proxy.newProxyInstance(SessionsTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);
    }

    @Test
    void aSessionIdOfAnotherEndpointNamesNothingHereEvenForTheSameLogin() {
        // A restarted daemon, or the endpoint a reload put in place of a pool's: a client that
        // still holds a session of the earlier one must not reach one opened here.
        Login login = new Login("app", null);
        long lease = TimeUnit.SECONDS.toNanos(30);
        Sessions earlier = new Sessions(lease, Runnable::run, false);
        Sessions later = new Sessions(lease, Runnable::run, false);
        Session old = earlier.open(login, 1, connection());
        Session fresh = later.open(login, 2, connection());
        assertNotEquals(old.id, fresh.id);
        assertNull(later.get(old.id, login));
        assertNotNull(later.get(fresh.id, login));
        assertNotEquals(0, fresh.id);
    }
}
