package pool.protocol;

/**
 * The state of a freshly borrowed connection, so the client answers the common getters
 * of {@code Connection} without a call. Isolation, catalog and schema are not here:
 * some drivers ask the database for them, which would slow every borrow; the client
 * asks with {@link Op.Get} when the application wants them.
 *
 * @param offsetsInJvmZone whether the backend driver turns a date-time without a zone into
 *        an {@code OffsetDateTime}, {@code ZonedDateTime} or {@code Instant} (and back) in the
 *        JVM's zone, as MariaDB Connector/J does; false where it takes it as UTC, as pgjdbc does.
 *        The client then converts in its own JVM's zone, as the driver would have there.
 */
public record SessionInfo(boolean autoCommit, boolean readOnly, int holdability, boolean offsetsInJvmZone,
                          Driver driver) {

    /**
     * The backend driver, so that the errors the client raises itself (a closed result set, a
     * column out of range) carry that driver's SQLState and wording; {@code OTHER} for any
     * driver poold has no dialect for, whose errors the client words its own way.
     */
    public enum Driver { OTHER, PGJDBC, MARIADB }

    public SessionInfo {
        driver = driver == null ? Driver.OTHER : driver;
    }

    /** A session of a driver poold words no errors for. */
    public SessionInfo(boolean autoCommit, boolean readOnly, int holdability, boolean offsetsInJvmZone) {
        this(autoCommit, readOnly, holdability, offsetsInJvmZone, Driver.OTHER);
    }

    /**
     * A session of a driver that reads and writes {@code java.time} values with offsets
     * ({@code OffsetDateTime}, {@code ZonedDateTime}, {@code Instant}) against columns without a
     * zone by the JVM's zone.
     */
    public SessionInfo(boolean autoCommit, boolean readOnly, int holdability) {
        this(autoCommit, readOnly, holdability, false);
    }
}
