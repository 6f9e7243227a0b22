package pool.ormtests.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.sql.Blob;
import java.sql.Clob;

/** LOBs as JPA maps them: {@code @Lob} String and byte[], and JDBC's own Clob and Blob (BLOB is a reserved word: no column is named so). */
@Entity
@Table(name = "h_document")
public class Document {
    @Id
    Long id;

    @Lob
    String textLob;

    @Lob
    byte[] bytesLob;

    Clob clobValue;

    Blob blobValue;

    protected Document() {
    }

    Document(long id) {
        this.id = id;
    }
}
