package pool.ormtests.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * JSON columns as Hibernate maps them (through Jackson). PostgreSQL only: on MariaDB, whose
 * {@code json} is an alias of {@code longtext}, Hibernate 6.6's own schema validation refuses
 * the column it created, on the driver's data source as through poold.
 */
@Entity
@Table(name = "h_json_doc")
public class JsonDoc {
    @Id
    Long id;

    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, Object> attributes;

    @JdbcTypeCode(SqlTypes.JSON)
    List<String> tags;
}
