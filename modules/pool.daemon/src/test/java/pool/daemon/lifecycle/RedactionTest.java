package pool.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void passwordParametersAreMasked() {
        assertEquals("jdbc:postgresql://db/app?user=a&password=***&ssl=true",
                Redaction.url("jdbc:postgresql://db/app?user=a&password=hunter2&ssl=true"));
        assertEquals("jdbc:h2:mem:x;PASSWORD=***;MODE=PostgreSQL",
                Redaction.url("jdbc:h2:mem:x;PASSWORD=hunter2;MODE=PostgreSQL"));
    }

    @Test
    void userInfoPasswordIsMasked() {
        assertEquals("jdbc:mariadb://app:***@db:3306/app", Redaction.url("jdbc:mariadb://app:hunter2@db:3306/app"));
    }

    @Test
    void urlsWithoutSecretsAreUnchanged() {
        assertEquals("jdbc:postgresql://127.0.0.1:5432/app", Redaction.url("jdbc:postgresql://127.0.0.1:5432/app"));
    }
}
