/** MXBeans, notifications and the authenticated JMX connector server. */
module pool.jmx {
    requires transitive pool.api;
    requires pool.engine;
    requires java.management;

}
