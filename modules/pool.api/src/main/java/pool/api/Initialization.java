package pool.api;

/** What a pool does when its database cannot be reached at start. */
public enum Initialization {
    /** Start anyway and keep trying to fill minIdle in the background (default). */
    BACKGROUND,
    /** Fail the start with the connection error. */
    FAIL_FAST
}
