package pool.ormtests.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.hibernate.annotations.Check;

/** An order of a {@link Customer}: a foreign key, a check constraint on its total. */
@Entity
@Table(name = "h_order")
@Check(name = "h_order_total_not_negative", constraints = "total >= 0")
public class PurchaseOrder {
    /** The order's state, stored by name. */
    public enum Status { NEW, PAID, SHIPPED }

    @Id
    Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", foreignKey = @jakarta.persistence.ForeignKey(name = "h_order_customer_fk"))
    Customer customer;

    @Column(nullable = false)
    LocalDate placed;

    @Column(nullable = false, precision = 12, scale = 2)
    BigDecimal total;

    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    Status status;

    protected PurchaseOrder() {
    }

    PurchaseOrder(long id, Customer customer, LocalDate placed, BigDecimal total, Status status) {
        this.id = id;
        this.customer = customer;
        this.placed = placed;
        this.total = total;
        this.status = status;
    }
}
