package pool.client.internal;

import java.sql.SQLException;
import java.util.List;
import pool.protocol.Op;
import pool.protocol.Result;
import pool.protocol.Rows;

/**
 * The rows of one result and the position in them. Forward-only, it holds one batch at a
 * time and fetches the next when the application reads past this one, so a result of any
 * size needs memory for one batch only; scroll-insensitive, it keeps the rows read so far
 * ({@link ScrollBuffer}) and reads ahead as far as a move needs.
 *
 * <p>Row numbers of a scrollable result: 0 before the first row, 1..n on a row, n + 1 after
 * the last.
 */
final class ResultRows {

    private final RemoteConnection connection;
    /** The daemon runs this result in a transaction of its own (autocommit streaming): closing it early is a call. */
    private final boolean holdsTransaction;
    private Object[][] rows;
    private boolean last;
    /** The daemon's cursor, 0 once it closed it (with the last batch) or none was opened. */
    private long cursor;
    private int fetchSize;
    private int pos = -1;
    private long rowNumber;
    private boolean afterLast;
    /** The rows read so far of a scrollable result, or null when it is forward-only. */
    private ScrollBuffer scroll;
    /** A scrollable result's position. */
    private long cursorRow;
    /** The statement may have results after this one (it ran with {@code execute}), not yet sent. */
    private boolean moreResults;
    /** Its statement ran something else meanwhile: nobody takes the results after this one. */
    private boolean orphan;
    /** The statement's results after this one, once the daemon sent them (with the last batch, or when closed early). */
    private List<Result.Further> further = List.of();

    ResultRows(RemoteConnection connection, Rows first, long cursor, int fetchSize, boolean holdsTransaction,
               boolean moreResults) {
        this.connection = connection;
        this.holdsTransaction = holdsTransaction;
        this.moreResults = moreResults;
        this.rows = first.data();
        this.last = first.last();
        this.cursor = cursor;
        this.fetchSize = fetchSize;
        if (cursor != 0 && !last) {
            connection.cursorOpened();
        }
    }

    /** Makes the result scroll-insensitive: its rows are kept as they are read. */
    void scrollable() throws SQLException {
        scroll = new ScrollBuffer();
        scroll.add(rows);
        rows = null;
    }

    boolean isScrollable() {
        return scroll != null;
    }

    int fetchSize() {
        return fetchSize;
    }

    void fetchSize(int rows) {
        fetchSize = rows;
    }

    /** @return the current row's values */
    Object[] current() throws SQLException {
        if (scroll != null) {
            if (cursorRow < 1 || cursorRow > scroll.size()) {
                throw connection.errors().notOnARow();
            }
            return scroll.row(cursorRow - 1);
        }
        if (rowNumber == 0 || afterLast) {
            throw connection.errors().notOnARow();
        }
        return rows[pos];
    }

    boolean next() throws SQLException {
        if (scroll != null) {
            return cursorRow <= scroll.size() && moveTo(cursorRow + 1);
        }
        if (afterLast) {
            return false;
        }
        pos++;
        while (pos >= rows.length) {
            if (last) {
                afterLast = true;
                rows = new Object[0][]; // let the last batch go
                pos = 0;
                return false;
            }
            fetch();
        }
        rowNumber++;
        return true;
    }

    private void fetch() throws SQLException {
        if (connection.aborted()) {
            throw connection.errors().nextBatchOfAborted();
        }
        Result.Fetched f;
        try {
            f = (Result.Fetched) connection.exchange(new Op.Fetch(cursor, fetchSize));
        } catch (pool.api.ConnectionReclaimedException e) {
            // the driver's result set finds its connection gone while streaming, not a closed connection
            throw connection.errors().nextBatchOfLost(e);
        }
        rows = f.rows().data();
        last = f.rows().last();
        if (last) {
            cursor = 0; // the daemon closed it with the last batch
            connection.cursorEnded();
            further = f.further();
            if (orphan) {
                dropFurther();
            }
        }
        pos = 0;
    }

    // ---- scrolling

    /** @throws SQLException unless the result is scrollable, naming the {@code method} that needs it */
    void checkScrollable(String method) throws SQLException {
        if (scroll == null) {
            throw new SQLException("ResultSet." + method + " needs a scrollable result set: create the statement with"
                    + " ResultSet.TYPE_SCROLL_INSENSITIVE", "24000");
        }
    }

    /** Reads batches until the scrollable result holds {@code n} rows or all of them. */
    private void readTo(long n) throws SQLException {
        while (scroll.size() < n && !last) {
            fetch();
            scroll.add(rows);
            rows = null;
        }
    }

    private boolean moveTo(long target) throws SQLException {
        if (target <= 0) {
            cursorRow = 0;
            return false;
        }
        readTo(target);
        if (target > scroll.size()) {
            cursorRow = scroll.size() + 1;
            return false;
        }
        cursorRow = target;
        return true;
    }

    boolean absolute(int row) throws SQLException {
        if (row < 0) {
            readTo(Long.MAX_VALUE);
            return moveTo(scroll.size() + 1 + row);
        }
        return moveTo(row);
    }

    boolean relative(int rows) throws SQLException {
        return moveTo(cursorRow + rows);
    }

    boolean previous() throws SQLException {
        return moveTo(cursorRow - 1);
    }

    boolean first() throws SQLException {
        return moveTo(1);
    }

    boolean last() throws SQLException {
        readTo(Long.MAX_VALUE);
        return moveTo(scroll.size());
    }

    void beforeFirst() {
        cursorRow = 0;
    }

    void afterLast() throws SQLException {
        readTo(Long.MAX_VALUE);
        cursorRow = scroll.size() + 1;
    }

    // ---- where the position is

    boolean isLast() throws SQLException {
        if (scroll == null) {
            throw Unsupported.method("ResultSet.isLast() on a forward-only result (use TYPE_SCROLL_INSENSITIVE)");
        }
        if (cursorRow < 1 || cursorRow > scroll.size()) {
            return false;
        }
        readTo(cursorRow + 1);
        return cursorRow == scroll.size();
    }

    int row() {
        if (scroll != null) {
            return cursorRow >= 1 && cursorRow <= scroll.size() ? (int) Math.min(Integer.MAX_VALUE, cursorRow) : 0;
        }
        return afterLast ? 0 : (int) Math.min(Integer.MAX_VALUE, rowNumber);
    }

    boolean isBeforeFirst() throws SQLException {
        if (scroll != null) {
            readTo(1);
            return cursorRow == 0 && scroll.size() > 0;
        }
        return rowNumber == 0 && (rows.length > 0 || !last);
    }

    boolean isAfterLast() {
        if (scroll != null) {
            return scroll.size() > 0 && cursorRow > scroll.size();
        }
        return afterLast && rowNumber > 0;
    }

    boolean isFirst() {
        if (scroll != null) {
            return cursorRow == 1 && scroll.size() > 0;
        }
        return rowNumber == 1 && !afterLast;
    }

    /**
     * Lets the rows go. The daemon's cursor of a result not read to the end is closed with
     * the next call, at no cost of its own; but when it holds a transaction the daemon
     * opened for it (a streamed result in autocommit), that is ended now, by a call of its
     * own, unless {@code callFollows}: the caller is about to make a call that carries it.
     * When the statement may have further results and {@code keepFurther} (the application
     * closed the result, or asked for the next), the cursor is closed now by a call that
     * brings them ({@link Op.MoreResults}), for {@link #takeFurther}: never lost silently.
     */
    void close(boolean callFollows, boolean keepFurther) throws SQLException {
        rows = null;
        if (scroll != null) {
            scroll.free();
            scroll = null;
        }
        if (cursor != 0 && !last) {
            long open = cursor;
            cursor = 0;
            connection.cursorEnded();
            if (moreResults && keepFurther) {
                further = ((Result.Fetched) connection.exchange(new Op.MoreResults(open))).further();
            } else if (holdsTransaction && !callFollows) {
                connection.closeCursorNow(open);
            } else {
                connection.defer(new Op.CloseCursor(open)); // rides along with the next call
            }
        }
    }

    /**
     * The statement moves past this result, which stays readable ({@code KEEP_CURRENT_RESULT}):
     * while its cursor is open and results may follow it, the daemon sets its rest aside and
     * answers those results now, for {@link #takeFurther}; its rows are fetched as before.
     */
    void keep() throws SQLException {
        if (cursor != 0 && !last && moreResults) {
            moreResults = false; // they come now, not with this result's end
            further = ((Result.Fetched) connection.exchange(new Op.MoreResults(cursor, true))).further();
        }
    }

    /**
     * The statement moved on without this result, which stays readable (Connector/J's next
     * execution): the results after it, which still come with its end, are dropped then.
     */
    void orphan() {
        orphan = true;
        moreResults = false; // its early close needs no call for them
        dropFurther();
    }

    private void dropFurther() {
        List<Result.Further> f = takeFurther();
        if (!f.isEmpty() && f.get(f.size() - 1).cursor() != 0) {
            connection.defer(new Op.CloseCursor(f.get(f.size() - 1).cursor()));
        }
    }

    /** @return the statement's results after this one that the daemon sent with this one's end, once */
    List<Result.Further> takeFurther() {
        List<Result.Further> f = further;
        further = List.of();
        return f;
    }
}
