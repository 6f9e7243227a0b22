package pool.testsupport.rmi;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.server.RemoteObject;
import java.security.MessageDigest;

/**
 * Sends an arbitrary serialized object where {@code RemotePool.login} takes its
 * {@code byte[]} frame (or {@code renew} and {@code cancel} their ticket), as a hostile
 * client crafting its own RMI stream would: the call goes out under the real method's
 * hash, with the object written where the argument belongs.
 */
public final class RmiSmuggler {

    /** Methods of the same names whose parameters are any objects: their arguments are written with writeObject. */
    public interface Smuggling extends Remote {
        byte[] login(Object frame) throws RemoteException;

        long[] renew(Object ticket, Object sessions) throws RemoteException;

        void cancel(Object ticket, long handle) throws RemoteException;
    }

    private RmiSmuggler() {
    }

    /**
     * @param stub    a stub of a remote object whose {@code byte[] login(byte[])} is the target
     * @param payload what to write where the frame belongs
     * @return the reply, if the server accepted the call at all
     */
    public static Object login(Remote stub, Object payload) throws Exception {
        Method smuggling = Smuggling.class.getMethod("login", Object.class);
        RemoteObject handler = (RemoteObject) Proxy.getInvocationHandler(stub);
        return handler.getRef().invoke(stub, smuggling, new Object[] {payload}, methodHash("login([B)[B"));
    }

    /** Sends {@code ticket} (any object, e.g. a 2 MiB string) where {@code RemotePool.renew} takes its {@code byte[]} ticket. */
    public static Object renew(Remote stub, Object ticket, long[] sessions) throws Exception {
        Method smuggling = Smuggling.class.getMethod("renew", Object.class, Object.class);
        RemoteObject handler = (RemoteObject) Proxy.getInvocationHandler(stub);
        return handler.getRef().invoke(stub, smuggling, new Object[] {ticket, sessions}, methodHash("renew([B[J)[J"));
    }

    /** Sends {@code ticket} (any object) where {@code RemotePool.cancel} takes its {@code byte[]} ticket. */
    public static void cancel(Remote stub, Object ticket, long handle) throws Exception {
        Method smuggling = Smuggling.class.getMethod("cancel", Object.class, long.class);
        RemoteObject handler = (RemoteObject) Proxy.getInvocationHandler(stub);
        handler.getRef().invoke(stub, smuggling, new Object[] {ticket, handle}, methodHash("cancel([BJ)V"));
    }

    /** The hash RMI dispatches on (the JDK's sun.rmi.server.Util.computeMethodHash). */
    public static long methodHash(String nameAndDescriptor) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(nameAndDescriptor);
        }
        byte[] sha = MessageDigest.getInstance("SHA").digest(bytes.toByteArray());
        long hash = 0;
        for (int i = 0; i < Math.min(8, sha.length); i++) {
            hash += ((long) (sha[i] & 0xFF)) << (i * 8);
        }
        return hash;
    }
}
