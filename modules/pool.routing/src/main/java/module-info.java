/** Read/write splitting over a primary and its replicas. */
module pool.routing {
    requires transitive pool.api;
    requires pool.engine;

}
