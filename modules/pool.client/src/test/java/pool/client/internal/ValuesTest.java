package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import pool.protocol.SessionInfo;

class ValuesTest {

    private static final DriverErrors PG = DriverErrors.of(SessionInfo.Driver.PGJDBC);
    private static final DriverErrors MARIADB = DriverErrors.of(SessionInfo.Driver.MARIADB);

    @Test
    void anIntGetterRefusesABigintItCannotHoldInsteadOfWrappingIt() {
        SQLException e = assertThrows(SQLException.class, () -> Values.integral(3_000_000_000L, Values.Integral.INT, PG));
        assertEquals("22003", e.getSQLState());
        assertEquals("Bad value for type int : 3000000000", e.getMessage());
        assertThrows(java.sql.SQLDataException.class, () -> Values.integral(3_000_000_000L, Values.Integral.INT, MARIADB));
    }

    @Test
    void eachIntegralGetterHasItsOwnRange() throws SQLException {
        assertEquals(127, Values.integral(127, Values.Integral.BYTE, PG));
        assertThrows(SQLException.class, () -> Values.integral(128, Values.Integral.BYTE, PG));
        assertThrows(SQLException.class, () -> Values.integral(-129, Values.Integral.BYTE, PG));
        assertEquals(-32768, Values.integral(-32768, Values.Integral.SHORT, PG));
        assertThrows(SQLException.class, () -> Values.integral(70_000, Values.Integral.SHORT, PG));
        assertThrows(SQLException.class, () -> Values.integral(new BigDecimal("9223372036854775808"), Values.Integral.LONG, PG));
        assertThrows(SQLException.class, () -> Values.integral(1e300, Values.Integral.LONG, PG));
        assertThrows(SQLException.class, () -> Values.integral(Double.NaN, Values.Integral.INT, PG));
    }

    @Test
    void aFractionIsCutTowardZeroAsTheDriversDo() throws SQLException {
        assertEquals(1, Values.integral(new BigDecimal("1.9"), Values.Integral.INT, PG));
        assertEquals(-1, Values.integral(new BigDecimal("-1.5"), Values.Integral.BYTE, MARIADB));
        assertEquals(2, Values.integral(2.5d, Values.Integral.LONG, PG));
        assertEquals(12, Values.integral(" 12 ", Values.Integral.INT, PG));
    }

    @Test
    void textThatIsNoNumberFailsAsTheDriversGetterDoes() {
        SQLException e = assertThrows(SQLException.class, () -> Values.integral("x", Values.Integral.LONG, PG));
        assertEquals("22003", e.getSQLState());
        assertThrows(SQLException.class, () -> Values.doubleValue("x", "double", PG));
        assertThrows(SQLException.class, () -> Values.decimal("x", MARIADB));
    }

    @Test
    void pgjdbcsGetBooleanTakesItsWordsAndOneAndZeroOnly() throws SQLException {
        assertEquals(true, PG.bool(" Yes "));
        assertEquals(false, PG.bool("off"));
        assertEquals(true, PG.bool(1L));
        assertEquals(false, PG.bool(0.0d));
        assertEquals("42846", assertThrows(SQLException.class, () -> PG.bool(2)).getSQLState());
        assertEquals("42846", assertThrows(SQLException.class, () -> PG.bool(new BigDecimal("1.5"))).getSQLState());
        assertEquals("42846", assertThrows(SQLException.class, () -> PG.bool("x")).getSQLState());
        assertEquals(true, MARIADB.bool(2));
    }

    @Test
    void pgjdbcsIntegralGettersRefuseABooleanConnectorJsReadItAsOne() throws SQLException {
        assertEquals("22003", assertThrows(SQLException.class,
                () -> Values.integral(Boolean.TRUE, Values.Integral.INT, PG)).getSQLState());
        assertEquals(1, Values.integral(Boolean.TRUE, Values.Integral.INT, MARIADB));
    }
}
