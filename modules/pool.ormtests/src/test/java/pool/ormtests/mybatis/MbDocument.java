package pool.ormtests.mybatis;

/** A row of {@code mb_document}: a text and a binary LOB. */
public class MbDocument {
    public Long id;
    public String textValue;
    public byte[] bytesValue;
}
