package pool.routing.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import pool.engine.internal.sql.ReadClassifier;
import pool.engine.internal.sql.Route;

class RouteCacheTest {

    @Test
    void cacheAnswersAsTheClassifier() {
        RouteCache cache = new RouteCache(ReadClassifier.POSTGRES);
        for (int i = 0; i < 3; i++) {
            assertEquals(Route.READ, cache.route("SELECT 1"));
            assertEquals(Route.WRITE, cache.route("DELETE FROM t"));
            assertEquals(Route.SESSION, cache.route("SET x = 1"));
        }
    }
}
