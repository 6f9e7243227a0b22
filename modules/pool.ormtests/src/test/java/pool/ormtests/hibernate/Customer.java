package pool.ormtests.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;

/** A customer with a unique name and a version for optimistic locking. */
@Entity
@Table(name = "h_customer")
public class Customer {
    @Id
    Long id;

    @Column(nullable = false, unique = true, length = 100)
    String name;

    @Column(length = 200)
    String email;

    @Version
    int version;

    @OneToMany(mappedBy = "customer")
    @OrderBy("id")
    List<PurchaseOrder> orders = new ArrayList<>();

    protected Customer() {
    }

    Customer(long id, String name, String email) {
        this.id = id;
        this.name = name;
        this.email = email;
    }
}
