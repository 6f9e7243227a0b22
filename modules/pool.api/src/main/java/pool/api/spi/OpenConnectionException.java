package pool.api.spi;

import java.sql.SQLException;

/**
 * A pool could not open a connection to its database. The message names the database
 * (its JDBC URL, secrets masked), the database user and the driver's own text, which is
 * what an operator needs and what an in-process application may see; {@link #clientMessage()}
 * says the same without them, for clients of other machines that must not learn where the
 * pool's database is or which account it uses (the daemon sends them that one).
 *
 * <p>The message is the pool's name followed by a {@link #detail()}; wherever a message quotes
 * the detail (a borrow timeout quoting the last failure, a copy of the failure renamed for the
 * pool a user knows), the daemon sends {@link #clientDetail()} in its place.
 */
public class OpenConnectionException extends SQLException {
    private static final long serialVersionUID = 1L;

    /** What the message starts with: "pool 'NAME'", or how a larger pool names its part. */
    private final String prefix;
    private final String detail;
    private final String clientDetail;

    /**
     * @param pool         the pool's name
     * @param detail       what failed, with the database's address, user and the driver's text
     * @param clientDetail what failed, without them
     * @param cause        the driver's error; its SQLState and vendor code are this one's
     */
    public OpenConnectionException(String pool, String detail, String clientDetail, SQLException cause) {
        super("pool '" + pool + "': " + detail, cause.getSQLState(), cause.getErrorCode(), cause);
        this.prefix = "pool '" + pool + "'";
        this.detail = detail;
        this.clientDetail = clientDetail;
    }

    private OpenConnectionException(OpenConnectionException of, String prefix) {
        super(prefix + ": " + of.detail, of.getSQLState(), of.getErrorCode(), of.getCause());
        this.prefix = prefix;
        this.detail = of.detail;
        this.clientDetail = of.clientDetail;
        setStackTrace(of.getStackTrace());
    }

    /**
     * @param prefix what the message starts with instead of "pool 'NAME'", for a pool made of
     *               parts that names the part in its own terms, for example
     *               "pool 'orders' (the sub-pool of tenant 'acme')"
     * @return the same failure (detail, client detail, cause, stack) named so
     */
    public OpenConnectionException renamed(String prefix) {
        return new OpenConnectionException(this, prefix);
    }

    /** @return the message without the database's address, its user or the driver's text */
    public String clientMessage() {
        return prefix + ": " + clientDetail;
    }

    /** @return the message after the pool's name: the text no remote client may see */
    public String detail() {
        return detail;
    }

    /** @return what a remote client sees in place of {@link #detail()} */
    public String clientDetail() {
        return clientDetail;
    }
}
