package pool.protocol;

/** Constants both sides agree on. */
public final class Protocol {
    /**
     * Bumped on any incompatible change to the records of this package or their {@link Wire}
     * encoding; the first byte of every frame. 2: frames instead of serialized records;
     * 3: calls over call channels ({@link CallChannel}) instead of RMI;
     * 4: calls carry the sessions the client closed since its last call ({@link Call#released()});
     * 5: tickets are {@link #TICKET_BYTES} bytes, sent once per call channel (in its hello) and no
     * longer in every call; a login reply states the ticket's terms and a login may name the
     * ticket it succeeds ({@link LoginRequest#previousTicket()});
     * 6: logins carry the client's zone, date/time parameters their zone ({@link InZone}), rows
     * date/time values as zone-free {@code java.time} fields; arrays, vendor objects, SQLXML;
     * and LOB parameters and chunks ({@link LobParam}, {@link Op.LobWrite}, {@link Op.LobRead});
     * 7: typed parameters ({@code setObject} with a target type), further results of a statement,
     * a batch's generated keys, column writability, the backend driver in the session info, the
     * data-truncation error kind, endpoints retired by a reload (refusing new logins and
     * borrows with {@link #STATE_ENDPOINT_RETIRED}), statements described before execution
     * ({@link Op.Describe}) and the further results of a streamed first result
     * ({@link Op.MoreResults}, {@link Result.Fetched#further()});
     * 8: a further result larger than one batch streams from a cursor of its own
     * ({@link Result.Further#cursor()}), {@link Op.MoreResults} may keep the current result
     * ({@code KEEP_CURRENT_RESULT}), and a column names its table's alias ({@link Column#tableAlias()});
     * 9: the pool's own refusals have error kinds of their own, so that a remote borrower catches
     * {@code PoolTimeoutException}, {@code TenantRejectedException}... as an in-process one does.
     */
    public static final int VERSION = 9;

    /** Length of a login ticket: 256 random bits. */
    public static final int TICKET_BYTES = 32;

    /**
     * The most bytes the daemon reads of one RMI request (a lookup, a login, a lease renewal,
     * a cancel, a distributed-GC call, a JMX request) before it has answered it. RMI carries
     * logins, so its connections are never authenticated as connections: every request is read
     * under this bound, counted on the socket. What a well-behaved client sends fits with room
     * to spare: a login frame ({@link #MAX_LOGIN_FRAME}) and RMI's own call header of some
     * 100 bytes, a renewal of {@link #MAX_RENEW_SESSIONS} sessions (4 KiB of ids), a lookup
     * (the name), RMI's distributed-GC calls (a few object ids), and the JMX requests of
     * JConsole, VisualVM and poolctl after login (an object name and a few attribute names or
     * operation arguments, well under 2 KiB each).
     */
    public static final int MAX_RMI_REQUEST_BYTES = 8192;

    /** Longest login frame: user name, password and tenant together, with room left for RMI's call header. */
    public static final int MAX_LOGIN_FRAME = 4096;

    /**
     * Most sessions one {@link RemotePool#renew} names: 4 KiB of ids, so that a renewal fits
     * {@link #MAX_RMI_REQUEST_BYTES}. A client holding more renews in several calls.
     */
    public static final int MAX_RENEW_SESSIONS = 512;

    /** SQLState of a frame the other side could not decode (PostgreSQL's protocol_violation). */
    public static final String STATE_PROTOCOL_VIOLATION = "08P01";

    /** Registry names of pools are this prefix plus the pool name. */
    public static final String BINDING_PREFIX = "pools/";

    /** Rows per batch when the application did not set a fetch size. */
    public static final int DEFAULT_FETCH_SIZE = 1000;

    /** The most rows one batch may carry, whatever fetch size is asked: bounds memory on both sides. */
    public static final int MAX_FETCH_SIZE = 50_000;

    /** SQLState the client reports when the link to the daemon broke mid-call. */
    public static final String STATE_LINK_FAILURE = "08006";

    /** SQLState of a session that is gone (lease expired, reclaimed, closed). */
    public static final String STATE_NO_CONNECTION = "08003";

    /** SQLState of wrong credentials. */
    public static final String STATE_AUTH = "28000";

    /**
     * SQLState of a login refused unchecked because the daemon is checking as many logins as
     * it allows and as many more are waiting: retry later (PostgreSQL's too_many_connections).
     */
    public static final String STATE_TOO_MANY_LOGINS = "53300";

    /**
     * SQLState of a login refused unchecked because its address or user failed too often
     * lately: the message says in how many seconds to retry ("server rejected the connection").
     */
    public static final String STATE_LOGIN_HELD_BACK = "08004";

    /**
     * SQLState of a login or borrow refused, as {@link SqlError.Kind#TICKET_EXPIRED}, by a
     * pool endpoint a reload replaced or removed: it serves only the sessions opened on it
     * until they end, so the client looks the pool up again for new ones.
     */
    public static final String STATE_ENDPOINT_RETIRED = "08001";

    private Protocol() {
    }

    /** @return the registry name of pool {@code pool} */
    public static String bindingName(String pool) {
        return BINDING_PREFIX + pool;
    }
}
