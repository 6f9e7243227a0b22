package pool.ormtests.hibernate;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * Boots Hibernate the way an application server does: the container hands the provider a
 * {@link PersistenceUnitInfo} whose non-JTA data source is the one it configured
 * ({@code PersistenceProvider.createContainerEntityManagerFactory}), with no persistence.xml,
 * no dialect named (Hibernate detects it from the connection's metadata) and no
 * Hibernate-specific setting beyond batching and schema handling.
 */
final class ContainerBootstrap {

    static final List<Class<?>> ENTITIES = List.of(Customer.class, PurchaseOrder.class, Moment.class, Document.class,
            Tagged.class, Bulk.class);

    private ContainerBootstrap() {
    }

    /**
     * @param schemaAction {@code jakarta.persistence.schema-generation.database.action}:
     *                     "drop-and-create" on the direct side, which owns the tables, "none" on poold's
     */
    static EntityManagerFactory start(String unit, DataSource dataSource, String schemaAction) {
        // halt_on_error: a table that cannot be created fails the bootstrap, not a later step.
        return start(unit, dataSource, Map.of("jakarta.persistence.schema-generation.database.action", schemaAction,
                "hibernate.hbm2ddl.halt_on_error", "true"));
    }

    static EntityManagerFactory start(String unit, DataSource dataSource, Map<String, String> extra) {
        Properties props = new Properties();
        // Batching as applications configure it: JDBC batches of 50, inserts and updates ordered.
        props.put("hibernate.jdbc.batch_size", "50");
        props.put("hibernate.order_inserts", "true");
        props.put("hibernate.order_updates", "true");
        // local_time rather than localTime: LOCALTIME is a reserved word of SQL.
        props.put("hibernate.physical_naming_strategy", "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        props.putAll(extra);
        return new HibernatePersistenceProvider().createContainerEntityManagerFactory(new Unit(unit, dataSource, props),
                Map.of());
    }

    private record Unit(String name, DataSource dataSource, Properties props) implements PersistenceUnitInfo {
        @Override
        public String getPersistenceUnitName() {
            return name;
        }

        @Override
        public String getPersistenceProviderClassName() {
            return HibernatePersistenceProvider.class.getName();
        }

        @Override
        public PersistenceUnitTransactionType getTransactionType() {
            return PersistenceUnitTransactionType.RESOURCE_LOCAL;
        }

        @Override
        public DataSource getJtaDataSource() {
            return null;
        }

        @Override
        public DataSource getNonJtaDataSource() {
            return dataSource;
        }

        @Override
        public List<String> getMappingFileNames() {
            return List.of();
        }

        @Override
        public List<URL> getJarFileUrls() {
            return List.of();
        }

        @Override
        public URL getPersistenceUnitRootUrl() {
            return null;
        }

        @Override
        public List<String> getManagedClassNames() {
            return ENTITIES.stream().map(Class::getName).toList();
        }

        @Override
        public boolean excludeUnlistedClasses() {
            return true;
        }

        @Override
        public SharedCacheMode getSharedCacheMode() {
            return SharedCacheMode.NONE;
        }

        @Override
        public ValidationMode getValidationMode() {
            return ValidationMode.NONE;
        }

        @Override
        public Properties getProperties() {
            return props;
        }

        @Override
        public String getPersistenceXMLSchemaVersion() {
            return "3.0";
        }

        @Override
        public ClassLoader getClassLoader() {
            return ContainerBootstrap.class.getClassLoader();
        }

        @Override
        public void addTransformer(ClassTransformer transformer) {
            // no bytecode enhancement: as in a container that does not weave
        }

        @Override
        public ClassLoader getNewTempClassLoader() {
            return null;
        }
    }
}
