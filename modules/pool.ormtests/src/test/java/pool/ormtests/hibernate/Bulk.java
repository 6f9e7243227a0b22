package pool.ormtests.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The rows of the scroll and stream steps: 10,000 of them, filled by one INSERT ... SELECT. */
@Entity
@Table(name = "h_bulk")
public class Bulk {
    @Id
    Long id;

    int n;

    String label;

    protected Bulk() {
    }
}
