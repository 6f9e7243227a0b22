package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The client's threads outlive the application that happened to start them; they carry
 * nothing of it. (That they keep no application's class loader through the access control
 * context is shown in a real Tomcat: pool.appservers' TomcatIT, the manager's find-leaks.)
 */
class ClientThreadsTest {

    @Test
    void aClientThreadInheritsNoThreadLocalOfTheApplicationThatStartedIt() throws InterruptedException {
        InheritableThreadLocal<Object> mdc = new InheritableThreadLocal<>();
        mdc.set("an application's request context");
        AtomicReference<Object> seen = new AtomicReference<>("not run");
        try {
            Thread t = ClientThreads.thread(() -> seen.set(mdc.get()), "test");
            t.start();
            t.join();
        } finally {
            mdc.remove();
        }
        assertNull(seen.get());
    }

    @Test
    void aClientThreadHasTheClientsClassLoaderAndDoesNotHoldTheJvmUp() throws InterruptedException {
        ClassLoader app = new ClassLoader(getClass().getClassLoader()) { };
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        current.setContextClassLoader(app);
        Thread t;
        try {
            t = ClientThreads.thread(() -> { }, "test");
        } finally {
            current.setContextClassLoader(before);
        }
        assertEquals(ClientThreads.class.getClassLoader(), t.getContextClassLoader());
        assertEquals(true, t.isDaemon());
    }
}
