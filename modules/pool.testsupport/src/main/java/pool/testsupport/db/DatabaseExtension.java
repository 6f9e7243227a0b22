package pool.testsupport.db;

import java.lang.reflect.Parameter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves parameters annotated {@link Postgres} or {@link MariaDb} of type
 * {@link DatabaseServer} or {@link ReplicatedPair} to servers from {@link TestDatabases}.
 *
 * <p>Servers start on first use and are shared by the whole test run. The first resolution
 * registers a resource in the root extension context store, so JUnit stops every server when
 * the run ends; a JVM shutdown hook and the servers' parent-death signal cover runs that end
 * any other way.
 */
public final class DatabaseExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DatabaseExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return kindOf(parameter) != null && (isType(parameter, DatabaseServer.class) || isType(parameter, ReplicatedPair.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(StopAtEndOfRun.class,
                key -> new StopAtEndOfRun(), StopAtEndOfRun.class);
        DatabaseKind kind = kindOf(parameter);
        try {
            return isType(parameter, ReplicatedPair.class) ? TestDatabases.pair(kind) : TestDatabases.server(kind);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot provide a " + kind.displayName() + " server for "
                    + parameter.getParameter() + ": " + e.getMessage(), e);
        }
    }

    private static DatabaseKind kindOf(ParameterContext parameter) {
        boolean postgres = parameter.isAnnotated(Postgres.class);
        boolean mariaDb = parameter.isAnnotated(MariaDb.class);
        if (postgres && mariaDb) {
            throw new ParameterResolutionException(parameter.getParameter() + " is annotated both @Postgres and @MariaDb");
        }
        return postgres ? DatabaseKind.POSTGRES : mariaDb ? DatabaseKind.MARIADB : null;
    }

    private static boolean isType(ParameterContext parameter, Class<?> type) {
        Parameter p = parameter.getParameter();
        return p.getType() == type;
    }

    /** Closed by JUnit when the root context ends, i.e. after the last test of the run. */
    private static final class StopAtEndOfRun implements AutoCloseable {
        @Override
        public void close() {
            TestDatabases.stopAll();
        }
    }
}
