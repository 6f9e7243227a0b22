/**
 * The configuration file: schema validation, binding, secrets and the mapping to
 * {@link pool.api.PoolConfig}. The {@code Xml*} classes are the Jakarta XML Binding
 * model of {@code pools.xsd}; this package is opened to {@code jakarta.xml.bind} for them.
 */
@XmlSchema(namespace = XmlNames.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
@XmlAccessorType(XmlAccessType.FIELD)
package pool.daemon.config;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
