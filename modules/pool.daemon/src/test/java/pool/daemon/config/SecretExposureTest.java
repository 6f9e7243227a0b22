package pool.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretExposureTest {

    @TempDir
    Path dir;

    private DaemonConfig load(String password, String mode) throws Exception {
        return loadPool("""
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <password>%s</password>
                  </pool>
                """.formatted(password), mode);
    }

    private DaemonConfig loadPool(String pool, String mode) throws Exception {
        Path f = Files.writeString(dir.resolve("pools.xml"), """
                <poold xmlns="urn:poold:config:1">
                %s</poold>
                """.formatted(pool));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return new ConfigLoader(new SecretResolver(Map.of("PW", "x")::get)).load(f);
    }

    @Test
    void inlinePasswordInAWorldReadableFileIsWarnedAboutAtItsLine() throws Exception {
        List<String> w = SecretExposure.warnings(load("hunter2", "rw-r--r--"));
        assertEquals(1, w.size());
        assertTrue(w.getFirst().startsWith(dir.resolve("pools.xml") + ":4:"), w.getFirst());
        assertTrue(!w.getFirst().contains("hunter2"), w.getFirst());
    }

    @Test
    void privateFileOrReferencedPasswordIsFine() throws Exception {
        assertEquals(List.of(), SecretExposure.warnings(load("hunter2", "rw-r-----")));
        assertEquals(List.of(), SecretExposure.warnings(load("${env:PW}", "rw-r--r--")));
    }

    @Test
    void passwordsInAUrlOrASecretDriverPropertyAreWarnedAboutAtTheirLines() throws Exception {
        List<String> w = SecretExposure.warnings(loadPool("""
                  <pool name="a" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://127.0.0.1:5432/app?sslmode=disable&amp;password=hunter2</jdbcUrl>
                    <user>app</user>
                    <password>${env:PW}</password>
                    <driverProperties>
                      <property name="ApplicationName" value="orders"/>
                      <property name="sslkey" value="/etc/poold/client.key"/>
                      <property name="sslpassword" value="keypass"/>
                      <property name="sslrootcert" value="${env:PW}"/>
                    </driverProperties>
                    <replicas>
                      <replica name="r1"><jdbcUrl>jdbc:postgresql://127.0.0.1:5433/app?password=hunter2</jdbcUrl></replica>
                    </replicas>
                  </pool>
                """, "rw-r--r--"));
        String file = dir.resolve("pools.xml").toString();
        assertEquals(List.of(file + ":3:", file + ":9:", file + ":13:"),
                w.stream().map(line -> line.substring(0, line.indexOf(':', file.length() + 1) + 1)).toList(),
                String.join("\n", w));
        assertTrue(w.stream().noneMatch(line -> line.contains("hunter2") || line.contains("keypass")), w.toString());
        assertTrue(w.getFirst().contains("a jdbcUrl cannot hold one"), w.getFirst());
    }
}
