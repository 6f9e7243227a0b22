package pool.daemon.lifecycle;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import pool.api.Initialization;
import pool.api.PoolConfig;
import pool.daemon.config.DriverKind;
import pool.daemon.config.Location;
import pool.daemon.config.PoolDefinition;

/** Small pool definitions for lifecycle tests. */
final class Definitions {

    static final Location HERE = new Location(Path.of("pools.xml"), 3, 5);

    private Definitions() {
    }

    static PoolDefinition pool(String name) {
        return pool(name, b -> b);
    }

    static PoolDefinition pool(String name, UnaryOperator<PoolConfig.Builder> settings) {
        PoolConfig.Builder b = PoolConfig.builder(name).jdbcUrl("jdbc:postgresql://127.0.0.1/" + name)
                .user("app").password("pw").minIdle(1).maxSize(4);
        return new PoolDefinition(settings.apply(b).build(), DriverKind.POSTGRESQL, HERE);
    }

    /** A fail-fast pool whose database the test factories treat as down. */
    static PoolDefinition unreachableFailFast(String name) {
        return pool(name, b -> b.initialization(Initialization.FAIL_FAST)
                .jdbcUrl("jdbc:postgresql://unreachable/" + name));
    }

    static Map<String, PoolDefinition> byName(PoolDefinition... defs) {
        Map<String, PoolDefinition> m = new LinkedHashMap<>();
        for (PoolDefinition d : defs) {
            m.put(d.name(), d);
        }
        return m;
    }
}
