package pool.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void binaryUnitsOnlyAndFormatIsTheInverse() {
        assertEquals(512L << 10, Sizes.parse("512KiB"));
        assertEquals(64L << 20, Sizes.parse(" 64MiB "));
        assertEquals(1L << 30, Sizes.parse("1GiB"));
        for (String s : new String[] {"64KiB", "3MiB", "1GiB", "1536KiB"}) {
            assertEquals(s, Sizes.format(Sizes.parse(s)));
        }
    }

    @Test
    void anythingElseIsExplained() {
        for (String s : new String[] {"64MB", "64", "1.5GiB", "-1KiB", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(s));
            assertTrue(e.getMessage().contains("for example 512KiB or 64MiB"), e.getMessage());
        }
    }
}
