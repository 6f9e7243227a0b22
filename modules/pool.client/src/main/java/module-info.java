/** The client side of poold: RemoteDataSource and JNDI factories for application servers. */
module pool.client {
    requires transitive pool.api;

}
