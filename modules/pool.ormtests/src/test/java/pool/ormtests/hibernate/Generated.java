package pool.ormtests.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/** The three key generators Hibernate offers beside assigned keys, one entity each. */
final class Generated {
    private Generated() {
    }

    @Entity(name = "IdentityItem")
    @Table(name = "h_identity_item")
    public static class IdentityItem {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String name;

        protected IdentityItem() {
        }

        IdentityItem(String name) {
            this.name = name;
        }
    }

    @Entity(name = "SequenceItem")
    @Table(name = "h_sequence_item")
    public static class SequenceItem {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "h_item_seq")
        @SequenceGenerator(name = "h_item_seq", sequenceName = "h_item_seq", allocationSize = 20)
        Long id;
        String name;

        protected SequenceItem() {
        }

        SequenceItem(String name) {
            this.name = name;
        }
    }

    @Entity(name = "TableItem")
    @Table(name = "h_table_item")
    public static class TableItem {
        @Id
        @GeneratedValue(strategy = GenerationType.TABLE, generator = "h_item_tab")
        @TableGenerator(name = "h_item_tab", table = "h_id_table", allocationSize = 10)
        Long id;
        String name;

        protected TableItem() {
        }

        TableItem(String name) {
            this.name = name;
        }
    }
}
