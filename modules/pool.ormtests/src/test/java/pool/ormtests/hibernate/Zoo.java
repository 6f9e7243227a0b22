package pool.ormtests.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Locale;
import java.util.TimeZone;
import java.util.UUID;

/**
 * Every basic type Hibernate maps beside the date and time ones ({@link Moment}), with
 * Hibernate's default mapping of each, an IDENTITY key and a version: what an entity of an
 * ordinary application holds.
 */
@Entity
@Table(name = "h_zoo")
public class Zoo {
    enum Colour { RED, GREEN, BLUE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Version
    long version;

    @Column(precision = 30, scale = 10)
    BigDecimal money;

    @Column(precision = 38, scale = 0)
    BigInteger big;

    UUID uuid;
    byte[] bytes;
    char letter;
    Character boxedLetter;
    boolean flag;
    Boolean boxedFlag;
    byte tiny;
    short small;
    int medium;
    long large;
    float single;
    double dbl;

    @Enumerated(EnumType.ORDINAL)
    Colour ordinalColour;

    @Enumerated(EnumType.STRING)
    Colour stringColour;

    Duration duration;
    Year year;
    ZoneOffset zoneOffset;
    ZoneId zoneId;
    TimeZone timeZone;
    Locale locale;
    Currency currency;
    URL url;

    protected Zoo() {
    }

    static Zoo empty() {
        return new Zoo();
    }
}
