package pool.daemon.lifecycle;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import pool.api.PoolConfig;
import pool.daemon.config.DriverKind;
import pool.daemon.config.PoolDefinition;

/**
 * Bounds what one PostgreSQL result may take of the daemon's heap. pgjdbc reads each row
 * whole (a {@code bytea} as hex text, twice its size), so a single large value would run
 * the shared daemon out of memory and, with {@code -XX:+ExitOnOutOfMemoryError}, end every
 * pool with it. pgjdbc's {@code maxResultBuffer} refuses such a row before it is read: the
 * call fails with SQLState 08S01 ("Result set exceeded maxResultBuffer limit"), the driver
 * closes that one connection, and the pool replaces it.
 *
 * <p>The limit is a quarter of the daemon's maximum heap, counted per fetch (the daemon
 * streams results in batches, and pgjdbc counts each batch afresh). A pool that names
 * {@code maxResultBuffer} in its {@code <driverProperties>} or its URL keeps its own value.
 * MariaDB Connector/J has no such setting; there the server's {@code max_allowed_packet}
 * bounds a row.
 */
final class ResultBufferLimit {

    static final String PROPERTY = "maxResultBuffer";

    private ResultBufferLimit() {
    }

    /** @return {@code def}'s configuration, with the limit added for a PostgreSQL pool that sets none */
    static PoolConfig apply(PoolDefinition def, long maxHeapBytes) {
        PoolConfig c = def.config();
        if (def.driver() != DriverKind.POSTGRESQL || c.driverProperties().containsKey(PROPERTY)
                || c.jdbcUrl().toLowerCase(Locale.ROOT).contains(PROPERTY.toLowerCase(Locale.ROOT) + "=")) {
            return c;
        }
        Map<String, String> properties = new LinkedHashMap<>(c.driverProperties());
        properties.put(PROPERTY, Long.toString(maxHeapBytes / 4));
        return c.toBuilder().driverProperties(properties).build();
    }
}
