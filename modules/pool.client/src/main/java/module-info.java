/** The client side of poold: RemoteDataSource and JNDI factories for application servers. */
module pool.client {
    requires transitive pool.api;
    requires pool.protocol;
    requires java.rmi;
    requires transitive java.naming;

    exports pool.client;
    exports pool.client.jndi;
}
