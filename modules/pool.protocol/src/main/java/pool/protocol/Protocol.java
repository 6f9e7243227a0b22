package pool.protocol;

/** Constants both sides agree on. */
public final class Protocol {
    /**
     * Bumped on any incompatible change to the records of this package or their {@link Wire}
     * encoding; the first byte of every frame. 2: frames instead of serialized records;
     * 3: calls over call channels ({@link CallChannel}) instead of RMI;
     * 4: calls carry the sessions the client closed since its last call ({@link Call#released()}).
     */
    public static final int VERSION = 4;

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

    private Protocol() {
    }

    /** @return the registry name of pool {@code pool} */
    public static String bindingName(String pool) {
        return BINDING_PREFIX + pool;
    }
}
