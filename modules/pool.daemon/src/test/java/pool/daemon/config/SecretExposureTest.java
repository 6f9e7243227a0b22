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
        Path f = Files.writeString(dir.resolve("pools.xml"), """
                <poold xmlns="urn:poold:config:1">
                  <pool name="a" driver="h2">
                    <jdbcUrl>jdbc:h2:mem:a</jdbcUrl>
                    <password>%s</password>
                  </pool>
                </poold>
                """.formatted(password));
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
}
