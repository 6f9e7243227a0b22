package pool.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void passwordParametersAreMasked() {
        assertEquals("jdbc:postgresql://db/app?user=a&password=***&ssl=true",
                Redaction.mask("jdbc:postgresql://db/app?user=a&password=hunter2&ssl=true"));
        assertEquals("jdbc:h2:mem:x;PASSWORD=***;MODE=PostgreSQL",
                Redaction.mask("jdbc:h2:mem:x;PASSWORD=hunter2;MODE=PostgreSQL"));
    }

    @Test
    void everyParameterNamedLikeASecretIsMasked() {
        assertEquals("jdbc:postgresql://db/app?sslpassword=***&sslkey=***&sslmode=verify-full",
                Redaction.mask("jdbc:postgresql://db/app?sslpassword=k3y&sslkey=/k.pk8&sslmode=verify-full"));
        assertEquals("jdbc:mariadb://db/app?keyStorePassword=***&password1=***&pwd=***&token=***",
                Redaction.mask("jdbc:mariadb://db/app?keyStorePassword=a&password1=b&pwd=c&token=d"));
    }

    @Test
    void userInfoPasswordIsMasked() {
        assertEquals("jdbc:mariadb://app:***@db:3306/app", Redaction.mask("jdbc:mariadb://app:hunter2@db:3306/app"));
    }

    @Test
    void urlsQuotedInsideAMessageAreMaskedToo() {
        assertEquals("cannot open a connection to jdbc:postgresql://db/app?password=*** as 'app': refused",
                Redaction.mask("cannot open a connection to jdbc:postgresql://db/app?password=hunter2 as 'app': refused"));
    }

    @Test
    void aDriverQuotingPiecesOfAUrlItCannotParseHasTheUrlsSecretsMaskedByValue() {
        String url = "jdbc:mariadb://bob:hunter3@127.0.0.1:1/x?sslpassword=p%40ss";
        assertEquals("Incorrect port value : ***@127.0.0.1, key ***",
                Redaction.mask("Incorrect port value : hunter3@127.0.0.1, key p@ss", url));
        assertEquals("user a at db: no", Redaction.mask("user a at db: no", "jdbc:postgresql://db/x?password=a"),
                "a value too short to look for leaves the text alone");
        assertNull(Redaction.mask(null, url));
    }

    @Test
    void urlsWithoutSecretsAreUnchanged() {
        assertEquals("jdbc:postgresql://127.0.0.1:5432/app", Redaction.mask("jdbc:postgresql://127.0.0.1:5432/app"));
        assertEquals("relation \"orders\" does not exist", Redaction.mask("relation \"orders\" does not exist"));
        assertNull(Redaction.mask(null));
    }
}
