/** MXBeans and notifications of poold's pools. */
module pool.jmx {
    requires transitive pool.api;
    requires transitive java.management;
    requires java.management.rmi;
    requires java.rmi;

    exports pool.jmx;
}
