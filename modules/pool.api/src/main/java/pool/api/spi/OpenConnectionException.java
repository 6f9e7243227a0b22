package pool.api.spi;

import java.sql.SQLException;

/**
 * A pool could not open a connection to its database. The message names the database
 * (its JDBC URL, secrets masked), the database user and the driver's own text, which is
 * what an operator needs and what an in-process application may see; {@link #clientMessage()}
 * says the same without them, for clients of other machines that must not learn where the
 * pool's database is or which account it uses (the daemon sends them that one).
 */
public class OpenConnectionException extends SQLException {
    private static final long serialVersionUID = 1L;

    private final String clientMessage;

    /**
     * @param message       the whole message, for the log and in-process callers
     * @param clientMessage the message without the database's address, user and driver text
     * @param cause         the driver's error; its SQLState and vendor code are this one's
     */
    public OpenConnectionException(String message, String clientMessage, SQLException cause) {
        super(message, cause.getSQLState(), cause.getErrorCode(), cause);
        this.clientMessage = clientMessage;
    }

    /** @return the message without the database's address, its user or the driver's text */
    public String clientMessage() {
        return clientMessage;
    }
}
