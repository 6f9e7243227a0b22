package pool.api;

/** When a borrow records its caller's stack for leak reports. */
public enum StackCapture {
    /** Never: leak reports name thread and time only. */
    OFF,
    /** For a fraction of borrows ({@code leakStackSampleRate}); the default. */
    SAMPLED,
    /** For every borrow: the most telling reports, at a cost on every borrow. */
    ALWAYS
}
