package pool.ormtests.mybatis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;

/**
 * A row of {@code mb_moment}: one typed property per column, so that MyBatis picks its
 * built-in type handler for each (setObject/getObject with java.time for most, setTimestamp
 * and getTimestamp for Instant, ZonedDateTime and java.util.Date).
 */
public class MbMoment {
    public Long id;
    public LocalDate localDate;
    public LocalTime localTime;
    public LocalDateTime localDateTime;
    public OffsetDateTime offsetDateTime;
    public OffsetTime offsetTime;
    public ZonedDateTime zonedDateTime;
    public Instant instantValue;
    public java.util.Date utilDate;
    public java.sql.Date sqlDate;
    public java.sql.Time sqlTime;
    public java.sql.Timestamp sqlTimestamp;
}
