package pool.ctl;

import java.util.List;
import java.util.Map;

/** A plain text table: columns as wide as their widest cell, numbers right-aligned. */
final class Table {

    private Table() {
    }

    static String of(List<String> headers, List<Map<String, Object>> rows) {
        int[] width = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            numeric[c] = !rows.isEmpty();
        }
        for (Map<String, Object> row : rows) {
            int c = 0;
            for (Object v : row.values()) {
                width[c] = Math.max(width[c], String.valueOf(v).length());
                numeric[c] &= v instanceof Number;
                c++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            // A header sits over its column as the column's cells do: numbers to the right.
            pad(sb, headers.get(c), width[c], numeric[c], c == width.length - 1);
        }
        for (Map<String, Object> row : rows) {
            int c = 0;
            for (Object v : row.values()) {
                pad(sb, String.valueOf(v), width[c], v instanceof Number, c == width.length - 1);
                c++;
            }
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, String s, int width, boolean right, boolean last) {
        String fill = " ".repeat(width - s.length());
        sb.append(right ? fill + s : s + (last ? "" : fill));
        if (last) {
            // An empty last cell (a pool with nothing changed live) would leave the column gap
            // at the line's end: scripts comparing or splitting lines meet no trailing blanks.
            int end = sb.length();
            while (end > 0 && sb.charAt(end - 1) == ' ') {
                end--;
            }
            sb.setLength(end);
            sb.append('\n');
        } else {
            sb.append("  ");
        }
    }
}
