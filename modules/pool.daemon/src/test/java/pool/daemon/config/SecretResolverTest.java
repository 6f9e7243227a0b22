package pool.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

    private static final String SECRET = "s3cr3t-Value";

    @TempDir
    Path dir;

    private SecretResolver with(Map<String, String> env) {
        return new SecretResolver(env::get);
    }

    @Test
    void literalValuesPassThrough() {
        assertEquals("plain", with(Map.of()).resolve("plain"));
        assertEquals("a${env:X}", with(Map.of()).resolve("a${env:X}"));
    }

    @Test
    void doubleDollarWritesALiteralReference() {
        assertEquals("${env:X}", with(Map.of()).resolve("$${env:X}"));
    }

    @Test
    void envReferenceReadsTheVariable() {
        assertEquals(SECRET, with(Map.of("DB_PW", SECRET)).resolve("${env:DB_PW}"));
    }

    @Test
    void unsetVariableIsNamedWithHowToSetIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> with(Map.of()).resolve("${env:DB_PW}"));
        assertTrue(e.getMessage().contains("environment variable DB_PW is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("EnvironmentFile="), e.getMessage());
    }

    @Test
    void fileReferenceReadsTheFileWithoutItsTrailingNewline() throws IOException {
        Path f = Files.writeString(dir.resolve("pw"), SECRET + "\n");
        assertEquals(SECRET, with(Map.of()).resolve("${file:" + f + "}"));
        Files.writeString(f, SECRET + "\r\n");
        assertEquals(SECRET, with(Map.of()).resolve("${file:" + f + "}"));
    }

    @Test
    void missingSecretFileIsNamed() {
        Path f = dir.resolve("absent");
        var e = assertThrows(IllegalArgumentException.class, () -> with(Map.of()).resolve("${file:" + f + "}"));
        assertTrue(e.getMessage().contains(f + " does not exist"), e.getMessage());
    }

    @Test
    void relativeFilePathIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> with(Map.of()).resolve("${file:secrets/pw}"));
        assertTrue(e.getMessage().contains("absolute path"), e.getMessage());
    }

    @Test
    void credentialIsReadFromTheCredentialsDirectory() throws IOException {
        Files.writeString(dir.resolve("db-password"), SECRET + "\n");
        var secrets = with(Map.of("CREDENTIALS_DIRECTORY", dir.toString()));
        assertEquals(SECRET, secrets.resolve("${credential:db-password}"));
    }

    @Test
    void credentialWithoutCredentialsDirectoryExplainsLoadCredential() {
        var e = assertThrows(IllegalArgumentException.class, () -> with(Map.of()).resolve("${credential:db}"));
        assertTrue(e.getMessage().contains("LoadCredential=db:"), e.getMessage());
    }

    @Test
    void credentialNameCannotLeaveTheCredentialsDirectory() {
        var secrets = with(Map.of("CREDENTIALS_DIRECTORY", dir.toString()));
        assertThrows(IllegalArgumentException.class, () -> secrets.resolve("${credential:../etc/shadow}"));
        assertThrows(IllegalArgumentException.class, () -> secrets.resolve("${credential:a/b}"));
    }

    @Test
    void unknownSourceIsRefusedWithTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> with(Map.of()).resolve("${vault:db}"));
        assertTrue(e.getMessage().contains("${env:NAME}, ${file:/path} or ${credential:NAME}"), e.getMessage());
    }
}
