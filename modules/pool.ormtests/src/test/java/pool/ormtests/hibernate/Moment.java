package pool.ormtests.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Temporal;
import jakarta.persistence.TemporalType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;

/**
 * Every date and time type Hibernate maps, one column each, with Hibernate's default
 * mappings (no {@code hibernate.jdbc.time_zone}, default time-zone storage): what an
 * application gets without tuning. A time step sets one column per row.
 */
@Entity
@Table(name = "h_moment")
public class Moment {
    @Id
    Long id;

    LocalDate localDate;
    LocalTime localTime;
    LocalDateTime localDateTime;
    OffsetDateTime offsetDateTime;
    OffsetTime offsetTime;
    ZonedDateTime zonedDateTime;
    Instant instant;
    Duration duration;

    @Temporal(TemporalType.TIMESTAMP)
    Date utilTimestamp;

    @Temporal(TemporalType.DATE)
    Date utilDate;

    @Temporal(TemporalType.TIME)
    Date utilTime;

    @Temporal(TemporalType.TIMESTAMP)
    Calendar calendarTimestamp;

    @Temporal(TemporalType.DATE)
    Calendar calendarDate;

    java.sql.Timestamp sqlTimestamp;

    protected Moment() {
    }

    Moment(long id) {
        this.id = id;
    }
}
