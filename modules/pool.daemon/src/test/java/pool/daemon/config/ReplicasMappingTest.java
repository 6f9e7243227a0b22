package pool.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.api.Replicas;
import pool.daemon.ConfigException;

/** A pool's {@code <replicas>} in the XML file: what reaches PoolConfig, and mistakes at their line and column. */
class ReplicasMappingTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(new SecretResolver(Map.<String, String>of()::get));

    private Path write(String replicas) throws IOException {
        return Files.writeString(dir.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <pool name="orders" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://primary:5432/shop</jdbcUrl>
                """ + replicas + """
                  </pool>
                </poold>
                """);
    }

    @Test
    void replicasReachPoolConfigWithEveryAttribute() throws Exception {
        Path f = write("""
                    <replicas maxLag="3s" readAfterWrite="window" readAfterWriteWindow="500ms" whenNoReplica="fail"
                              checkInterval="250ms">
                      <replica name="r1"><jdbcUrl>jdbc:postgresql://replica1:5432/shop</jdbcUrl></replica>
                      <replica name="r2"><jdbcUrl>jdbc:postgresql://replica2:5432/shop</jdbcUrl></replica>
                    </replicas>
                """);
        Replicas r = loader.load(f).pools().get("orders").config().replicas();
        assertEquals(List.of(new Replicas.Replica("r1", "jdbc:postgresql://replica1:5432/shop"),
                new Replicas.Replica("r2", "jdbc:postgresql://replica2:5432/shop")), r.servers());
        assertEquals(Duration.ofSeconds(3), r.maxLag());
        assertEquals(Replicas.ReadAfterWrite.WINDOW, r.readAfterWrite());
        assertEquals(Duration.ofMillis(500), r.readAfterWriteWindow());
        assertEquals(Replicas.WhenNoReplica.FAIL, r.whenNoReplica());
        assertEquals(Duration.ofMillis(250), r.checkInterval());
    }

    @Test
    void absentAttributesTakeTheBuilderDefaults() throws Exception {
        Path f = write("""
                    <replicas><replica name="r1"><jdbcUrl>jdbc:postgresql://replica1/shop</jdbcUrl></replica></replicas>
                """);
        Replicas r = loader.load(f).pools().get("orders").config().replicas();
        Replicas defaults = Replicas.builder().replica("r1", "jdbc:postgresql://replica1/shop").build();
        assertEquals(defaults, r);
        assertEquals(Duration.ofSeconds(2), r.maxLag());
        assertEquals(r.maxLag(), r.readAfterWriteWindow());
        assertEquals(Replicas.ReadAfterWrite.POSITION, r.readAfterWrite());
        assertEquals(Replicas.WhenNoReplica.PRIMARY, r.whenNoReplica());
        assertEquals(Duration.ofSeconds(1), r.checkInterval(), "routing.md: checkInterval default 1s");
    }

    @Test
    void aPoolWithoutReplicasHasNone() throws Exception {
        assertNull(loader.load(write("")).pools().get("orders").config().replicas());
    }

    @Test
    void replicaUrlForAnotherDriverIsRefusedAtItsLineAndColumn() throws Exception {
        Path f = write("""
                    <replicas>
                      <replica name="r1"><jdbcUrl>jdbc:mariadb://replica1/shop</jdbcUrl></replica>
                    </replicas>
                """);
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().getFirst().matches("\\Q" + f + "\\E:6:\\d+: pool 'orders': replica 'r1': jdbcUrl does"
                + " not match driver=\"postgresql\": it must start with jdbc:postgresql:"), e.getMessage());
    }

    @Test
    void aReplicaNameUsedTwiceIsRefusedWhereItRepeats() throws Exception {
        Path f = write("""
                    <replicas>
                      <replica name="r1"><jdbcUrl>jdbc:postgresql://a/shop</jdbcUrl></replica>
                      <replica name="r1"><jdbcUrl>jdbc:postgresql://b/shop</jdbcUrl></replica>
                    </replicas>
                """);
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.problems().getFirst().startsWith(f + ":7:"), e.getMessage());
        assertTrue(e.problems().getFirst().contains("replica name 'r1' is used twice (first at line 6)"), e.getMessage());
    }

    @Test
    void badValuesAreRefusedByTheSchemaAtTheirLineAndColumn() throws Exception {
        Path lag = write("""
                    <replicas maxLag="soon"><replica name="r1"><jdbcUrl>jdbc:postgresql://a/shop</jdbcUrl></replica></replicas>
                """);
        var e = assertThrows(ConfigException.class, () -> loader.load(lag));
        assertTrue(e.problems().getFirst().startsWith(lag + ":5:"), e.getMessage());
        assertTrue(e.problems().getFirst().contains("soon"), e.getMessage());

        Path mode = write("""
                    <replicas readAfterWrite="sometimes"><replica name="r1"><jdbcUrl>jdbc:postgresql://a/shop</jdbcUrl></replica></replicas>
                """);
        var m = assertThrows(ConfigException.class, () -> loader.load(mode));
        assertTrue(m.problems().getFirst().startsWith(mode + ":5:")
                && m.problems().getFirst().contains("use one of position, window, off"), m.getMessage());

        Path none = write("""
                    <replicas maxLag="1s"></replicas>
                """);
        var n = assertThrows(ConfigException.class, () -> loader.load(none));
        assertTrue(n.problems().getFirst().startsWith(none + ":5:"), n.getMessage());

        Path zero = write("""
                    <replicas maxLag="0s"><replica name="r1"><jdbcUrl>jdbc:postgresql://a/shop</jdbcUrl></replica></replicas>
                """);
        var z = assertThrows(ConfigException.class, () -> loader.load(zero));
        assertTrue(z.problems().getFirst().startsWith(zero + ":5:") && z.problems().getFirst().contains("maxLag"),
                z.getMessage());
    }

    @Test
    void aReplicaOfItsOwnUserIsRefusedSayingReplicasUseThePoolsLogin() throws Exception {
        Path f = write("""
                    <replicas>
                      <replica name="r1"><jdbcUrl>jdbc:postgresql://a/shop</jdbcUrl><user>reader</user></replica>
                    </replicas>
                """);
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        String problem = e.problems().getFirst();
        assertTrue(problem.startsWith(f + ":6:") && problem.contains("element <user> does not belong in <replica>.")
                && problem.contains("replicas log in with the pool's <user> and <password>")
                && !problem.contains("takes no child elements"), e.getMessage());
    }

    @Test
    void replicasOfAnH2PoolAreRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("h2.xml"), """
                <poold xmlns="urn:poold:config:1">
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <replicas><replica name="r1"><jdbcUrl>jdbc:h2:mem:b</jdbcUrl></replica></replicas>
                  </pool>
                </poold>
                """);
        var e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.problems().getFirst().startsWith(f + ":4:") && e.problems().getFirst().contains("replicas are for"),
                e.getMessage());
    }
}
