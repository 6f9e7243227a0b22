package pool.ormtests.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** Basic arrays, which Hibernate 6 maps to SQL arrays where the database has them. */
@Entity
@Table(name = "h_tagged")
public class Tagged {
    @Id
    Long id;

    int[] numbers;

    String[] labels;

    List<Long> ids;

    protected Tagged() {
    }

    Tagged(long id, int[] numbers, String[] labels, List<Long> ids) {
        this.id = id;
        this.numbers = numbers;
        this.labels = labels;
        this.ids = ids;
    }
}
