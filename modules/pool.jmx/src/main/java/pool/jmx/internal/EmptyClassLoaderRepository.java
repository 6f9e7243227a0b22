package pool.jmx.internal;

import javax.management.loading.ClassLoaderRepository;

/**
 * A class loader repository that loads nothing. The connector asks for the repository on
 * every new connection (to unwrap a createMBean's parameters), so refusing the call would
 * refuse every login; an empty one gives a client no class loader to reach.
 */
final class EmptyClassLoaderRepository implements ClassLoaderRepository {

    static final ClassLoaderRepository INSTANCE = new EmptyClassLoaderRepository();

    private EmptyClassLoaderRepository() {
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        throw new ClassNotFoundException(className);
    }

    @Override
    public Class<?> loadClassWithout(ClassLoader exclude, String className) throws ClassNotFoundException {
        throw new ClassNotFoundException(className);
    }

    @Override
    public Class<?> loadClassBefore(ClassLoader stop, String className) throws ClassNotFoundException {
        throw new ClassNotFoundException(className);
    }
}
