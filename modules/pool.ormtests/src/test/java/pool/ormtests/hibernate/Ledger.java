package pool.ormtests.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.ConstructorResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FieldResult;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.util.UUID;
import org.hibernate.annotations.Formula;

/**
 * A ledger entry: a generated UUID key, enums by name and by ordinal, a {@code @Formula}, a
 * version, and the result set mappings native queries use to read it.
 */
@Entity
@Table(name = "h_ledger")
@SqlResultSetMapping(name = "LedgerWithTotal",
        entities = @EntityResult(entityClass = Ledger.class, fields = {
            @FieldResult(name = "id", column = "lid"), @FieldResult(name = "account", column = "acct"),
            @FieldResult(name = "amount", column = "amt"), @FieldResult(name = "kind", column = "knd"),
            @FieldResult(name = "state", column = "st"), @FieldResult(name = "version", column = "ver"),
            @FieldResult(name = "entriesOfAccount", column = "cnt")}),
        columns = @ColumnResult(name = "running", type = BigDecimal.class))
@SqlResultSetMapping(name = "LedgerSummary", classes = @ConstructorResult(targetClass = Ledger.Summary.class, columns = {
    @ColumnResult(name = "account"), @ColumnResult(name = "entries", type = Long.class),
    @ColumnResult(name = "total", type = BigDecimal.class)}))
public class Ledger {

    enum Kind { DEBIT, CREDIT }

    enum State { OPEN, BOOKED, VOID }

    /** A row of the summary mapping; its toString is what the step compares. */
    public record Summary(String account, Long entries, Number total) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    UUID id;

    @Column(nullable = false, length = 20)
    String account;

    @Column(precision = 12, scale = 2)
    BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    Kind kind;

    @Enumerated(EnumType.ORDINAL)
    State state;

    @Formula("(select count(*) from h_ledger l2 where l2.account = account)")
    Long entriesOfAccount;

    @Version
    Integer version;

    protected Ledger() {
    }

    Ledger(String account, String amount, Kind kind, State state) {
        this.account = account;
        this.amount = new BigDecimal(amount);
        this.kind = kind;
        this.state = state;
    }
}
