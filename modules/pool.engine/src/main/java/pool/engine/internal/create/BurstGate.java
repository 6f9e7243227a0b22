package pool.engine.internal.create;

/** Whether the creator may open connections above maxSize (the lifecycle's burst policy decides). */
public interface BurstGate {

    /** Never opens burst connections. */
    BurstGate NEVER = new BurstGate() {
        @Override
        public boolean allowBurst() {
            return false;
        }

        @Override
        public boolean sustainedPressure() {
            return false;
        }
    };

    /** @return whether a creation may go above maxSize now */
    boolean allowBurst();

    /** @return whether waits have been long for a while (asks for one connection with nobody queued) */
    boolean sustainedPressure();
}
