/**
 * The configuration file: schema validation, binding, secrets and the mapping to
 * {@link pool.api.PoolConfig}. The {@code Xml*} classes are the model of
 * {@code pools.xsd} that {@code XmlBinder} fills from a schema-valid file.
 */
package pool.daemon.config;
