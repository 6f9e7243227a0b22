package pool.protocol;

import java.util.List;

/**
 * One batch of rows.
 *
 * @param columns column metadata, sent with the first batch only (null afterwards, and in
 *                the first batch when the client holds them: see {@link Result.Executed#columnsId()})
 * @param data    the rows; each row has one value per column, of the types
 *                {@link Wire} carries
 * @param last    true when no rows follow
 */
public record Rows(List<Column> columns, Object[][] data, boolean last) {
    public Rows {
        columns = columns == null ? null : List.copyOf(columns);
    }

    /** @return the number of rows in this batch */
    public int size() {
        return data.length;
    }
}
