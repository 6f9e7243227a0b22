package pool.daemon.config;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pool.daemon.ConfigException;

/** config/pools.xml and every example must load, given the secrets they reference. */
class ShippedConfigsTest {

    @TempDir
    static Path credentials;

    static Stream<Path> shipped() throws IOException {
        return TestFiles.shippedConfigs().stream();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void shippedConfigurationLoads(Path file) throws IOException, ConfigException {
        for (String name : new String[] {"orders-db-password", "inventory-db-password", "app-db-password"}) {
            Files.writeString(credentials.resolve(name), "pw\n");
        }
        Map<String, String> env = Map.of("CREDENTIALS_DIRECTORY", credentials.toString(),
                "POOLD_REPORTS_PASSWORD", "pw");
        DaemonConfig c = new ConfigLoader(new SecretResolver(env::get)).load(file);
        assertFalse(c.pools().isEmpty(), file + " defines no pool");
    }
}
