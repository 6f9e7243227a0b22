/** MXBeans and notifications of poold's pools. */
module pool.jmx {
    requires transitive pool.api;
    requires transitive java.management;

    exports pool.jmx;
}
