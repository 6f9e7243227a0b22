package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Placeholders are counted as pgjdbc's parser counts them. */
class PlaceholdersTest {

    @Test
    void quotedTextCommentsAndEscapedMarksAreNoPlaceholders() {
        assertEquals(0, Placeholders.count("select 1"));
        assertEquals(2, Placeholders.count("select ?, ? from t"));
        assertEquals(1, Placeholders.count("select '?', 'it''s ?', \"?\" from t where a = ?"));
        assertEquals(1, Placeholders.count("select E'\\' ?' , ? -- ?\n/* ? /* ? */ ? */"));
        assertEquals(1, Placeholders.count("select $$ ? $$, $tag$ ?$ ? $tag$, ?"));
        assertEquals(2, Placeholders.count("select a$b, ? from t where x = $1 or y = ?"));
        assertEquals(1, Placeholders.count("select '{}'::jsonb ?? 'a', ?"));
        assertEquals(2, Placeholders.count("select ?; select ?"));
        assertEquals(0, Placeholders.count("select 'unterminated ?"));
    }
}
