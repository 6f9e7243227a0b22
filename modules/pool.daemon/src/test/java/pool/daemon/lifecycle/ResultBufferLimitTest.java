package pool.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pool.daemon.config.DriverKind;
import pool.daemon.config.PoolDefinition;

class ResultBufferLimitTest {

    private static final long HEAP = 256L << 20;

    @Test
    void aPostgresPoolGetsAQuarterOfTheHeapPerFetch() {
        PoolDefinition def = Definitions.pool("orders", b -> b.driverProperties(Map.of("ApplicationName", "poold")));
        var c = ResultBufferLimit.apply(def, HEAP);
        assertEquals(Long.toString(HEAP / 4), c.driverProperties().get("maxResultBuffer"));
        assertEquals("poold", c.driverProperties().get("ApplicationName"), "the pool's own properties stay");
        assertEquals(def.config(), c.toBuilder().driverProperties(def.config().driverProperties()).build(),
                "nothing else changes");
    }

    @Test
    void aLimitThePoolSetsItselfWins() {
        var own = Definitions.pool("orders", b -> b.driverProperties(Map.of("maxResultBuffer", "10p")));
        assertEquals("10p", ResultBufferLimit.apply(own, HEAP).driverProperties().get("maxResultBuffer"));
        var inUrl = Definitions.pool("orders", b -> b.jdbcUrl("jdbc:postgresql://127.0.0.1/db?maxResultBuffer=100M"));
        assertFalse(ResultBufferLimit.apply(inUrl, HEAP).driverProperties().containsKey("maxResultBuffer"));
    }

    @Test
    void otherDriversAreLeftAlone() {
        var p = Definitions.pool("orders");
        var mariadb = new PoolDefinition(p.config().toBuilder().jdbcUrl("jdbc:mariadb://127.0.0.1/db").build(),
                DriverKind.MARIADB, p.location());
        assertEquals(mariadb.config(), ResultBufferLimit.apply(mariadb, HEAP));
    }
}
