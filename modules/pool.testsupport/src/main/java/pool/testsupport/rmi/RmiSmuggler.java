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
 * {@code byte[]} frame, as a hostile client crafting its own RMI stream would: the call
 * goes out under the real method's hash, with the object written where the frame belongs.
 */
public final class RmiSmuggler {

    /** A method of the same name whose parameter is any object: its argument is written with writeObject. */
    public interface Smuggling extends Remote {
        byte[] login(Object frame) throws RemoteException;
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
