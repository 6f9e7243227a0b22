package pool.ormtests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one step produced on one side: named columns and rows of normalized values
 * ({@link Norm}). A step builds it with {@link #columns} and {@link #row}; a side on which the
 * step threw gets {@link #threw}.
 */
public final class Outcome {

    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    /** The full text of an unexpected exception, for the failure message; not compared. */
    private String detail = "";

    private Outcome(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    public static Outcome columns(String... names) {
        return new Outcome(Arrays.asList(names));
    }

    /** Adds a row; each value is normalized at once (LOBs must be read while their transaction is open). */
    public Outcome row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row of " + values.length + " values for columns " + columns);
        }
        List<String> row = new ArrayList<>(values.length);
        for (Object v : values) {
            row.add(Norm.of(v));
        }
        rows.add(row);
        return this;
    }

    /** The outcome of a step that threw where it was expected to produce rows. */
    public static Outcome threw(Throwable t) {
        Outcome o = new Outcome(List.of("exception"));
        o.rows.add(List.of(Norm.thrown(t)));
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        o.detail = w.toString();
        return o;
    }

    List<String> columns() {
        return columns;
    }

    List<List<String>> rows() {
        return rows;
    }

    String detail() {
        return detail;
    }

    boolean sameAs(Outcome other) {
        return columns.equals(other.columns) && rows.equals(other.rows);
    }

    /**
     * The first difference from {@code other}, e.g. {@code row 2, column ldt: LocalDateTime:...
     * / LocalDateTime:...}; empty when the two are equal.
     */
    String firstDifference(Outcome other, String thisName, String otherName) {
        if (!columns.equals(other.columns)) {
            return "columns: " + thisName + " " + columns + " / " + otherName + " " + other.columns
                    + (other.rows.isEmpty() ? "" : " " + other.rows.get(0));
        }
        for (int r = 0; r < Math.max(rows.size(), other.rows.size()); r++) {
            if (r >= rows.size()) {
                return "row " + r + ": " + thisName + " has no such row / " + otherName + " " + other.rows.get(r);
            }
            if (r >= other.rows.size()) {
                return "row " + r + ": " + thisName + " " + rows.get(r) + " / " + otherName + " has no such row";
            }
            List<String> a = rows.get(r);
            List<String> b = other.rows.get(r);
            for (int c = 0; c < columns.size(); c++) {
                if (!a.get(c).equals(b.get(c))) {
                    return "row " + r + ", column " + columns.get(c) + ": " + thisName + " " + a.get(c) + " / "
                            + otherName + " " + b.get(c);
                }
            }
        }
        return "";
    }

    /** Every row, one per line. */
    String renderAll() {
        StringBuilder sb = new StringBuilder(String.join(" | ", columns)).append('\n');
        for (List<String> row : rows) {
            sb.append(String.join(" | ", row)).append('\n');
        }
        return sb.toString();
    }

    /** The rows as a table, for a failure message. */
    String render() {
        StringBuilder sb = new StringBuilder("    ").append(String.join(" | ", columns)).append('\n');
        int shown = 0;
        for (List<String> row : rows) {
            if (shown++ == 40) {
                sb.append("    ... ").append(rows.size() - 40).append(" more rows\n");
                break;
            }
            sb.append("    ").append(String.join(" | ", row)).append('\n');
        }
        return sb.toString();
    }
}
