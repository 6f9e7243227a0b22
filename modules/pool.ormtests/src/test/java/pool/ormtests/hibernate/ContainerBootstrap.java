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
            Tagged.class, Bulk.class, Zoo.class, Generated.IdentityItem.class, Generated.SequenceItem.class,
            Generated.TableItem.class, Shapes.Animal.class, Shapes.Dog.class, Shapes.Cat.class, Shapes.Vehicle.class,
            Shapes.Car.class, Shapes.Bike.class, Shapes.Figure.class, Shapes.Circle.class, Shapes.Square.class,
            Shapes.Person.class, Ledger.class);

    private ContainerBootstrap() {
    }

    /**
     * @param schemaAction {@code jakarta.persistence.schema-generation.database.action}:
     *                     "drop-and-create" on the direct side, which owns the tables, "none" on poold's
     */
    /** The entities of a database: {@link JsonDoc} is PostgreSQL's only (see there). */
    static List<Class<?>> entities(pool.ormtests.Backend backend) {
        if (backend == pool.ormtests.Backend.MARIADB) {
            return ENTITIES;
        }
        List<Class<?>> all = new java.util.ArrayList<>(ENTITIES);
        all.add(JsonDoc.class);
        return all;
    }

    static EntityManagerFactory start(String unit, DataSource dataSource, String schemaAction,
            pool.ormtests.Backend backend) {
        // halt_on_error: a table that cannot be created fails the bootstrap, not a later step.
        return start(unit, dataSource, on(backend, Map.of("jakarta.persistence.schema-generation.database.action", schemaAction,
                "hibernate.hbm2ddl.halt_on_error", "true")));
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
        List<Class<?>> entities = props.containsKey(JSON) ? entities(pool.ormtests.Backend.POSTGRES) : ENTITIES;
        props.remove(JSON);
        return new HibernatePersistenceProvider().createContainerEntityManagerFactory(
                new Unit(unit, dataSource, props, entities), Map.of());
    }

    /** A setting of these tests, not Hibernate's: the unit also maps {@link JsonDoc}. */
    static final String JSON = "orm.tests.json";

    /** The settings of {@code backend}'s units beside {@code extra}. */
    static Map<String, String> on(pool.ormtests.Backend backend, Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(extra);
        if (backend == pool.ormtests.Backend.POSTGRES) {
            all.put(JSON, "true");
        }
        return all;
    }

    private record Unit(String name, DataSource dataSource, Properties props, List<Class<?>> entities)
            implements PersistenceUnitInfo {
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
            return entities.stream().map(Class::getName).toList();
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
