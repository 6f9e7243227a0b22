package pool.engine.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    /** The tokens of {@code sql} under {@code reading}, each as TYPE:text. */
    private static List<String> tokens(String sql, int reading) {
        SqlLexer l = new SqlLexer(sql, reading);
        List<String> out = new ArrayList<>();
        for (int t = l.next(); t != SqlLexer.END; t = l.next()) {
            out.add(name(t) + ":" + sql.substring(l.start(), l.end()));
        }
        return out;
    }

    private static List<String> tokens(String sql) {
        return tokens(sql, 0);
    }

    private static String name(int type) {
        return switch (type) {
            case SqlLexer.WORD -> "W";
            case SqlLexer.QUOTED -> "Q";
            case SqlLexer.STRING -> "S";
            case SqlLexer.NUMBER -> "N";
            case SqlLexer.VARIABLE -> "V";
            case SqlLexer.PARAMETER -> "P";
            case SqlLexer.PUNCT -> "C";
            case SqlLexer.OPAQUE -> "O";
            default -> "?";
        };
    }

    private static int ambiguities(String sql) {
        SqlLexer l = new SqlLexer(sql, 0);
        while (l.next() != SqlLexer.END) {
            // read it all
        }
        return l.ambiguities();
    }

    @Test
    void wordsNumbersParametersAndPunctuationComeOutOneByOne() {
        assertEquals(List.of("W:SELECT", "W:id", "C:,", "N:1.5e3", "W:FROM", "W:t", "W:WHERE", "W:x", "C:=", "P:?",
                "C:;"), tokens("SELECT id, 1.5e3 FROM t WHERE x = ?;"));
        assertEquals(List.of("W:select", "P:$1", "C::", "C::", "W:int"), tokens("select $1::int"));
    }

    @Test
    void whitespaceAndCommentsAreSkipped() {
        assertEquals(List.of("W:SET", "W:x"), tokens("  /* lead */ -- line\n\tSET /* a */ x -- end"));
    }

    @Test
    void quotedIdentifiersAndLiteralsAreOneTokenWithDoubledQuotesInside() {
        assertEquals(List.of("W:SELECT", "S:'it''s; SET x'", "C:,", "Q:\"a \"\"b\"\" ;\"", "C:,", "Q:`c``d`"),
                tokens("SELECT 'it''s; SET x', \"a \"\"b\"\" ;\", `c``d`"));
    }

    @Test
    void dollarQuotesAreLiteralsUnderThatReadingOnly() {
        String sql = "DO $body$ BEGIN PERFORM set_config('a', 'b', false); END $body$";
        assertEquals(List.of("W:DO", "S:$body$ BEGIN PERFORM set_config('a', 'b', false); END $body$"),
                tokens(sql, SqlLexer.DOLLAR_QUOTES));
        assertTrue(tokens(sql, 0).contains("W:set_config"), "in MariaDB $body$ is a word and the rest is SQL");
        assertEquals(SqlLexer.DOLLAR_QUOTES, ambiguities(sql));
        assertEquals(List.of("W:SELECT", "S:$$a$b$$"), tokens("SELECT $$a$b$$", SqlLexer.DOLLAR_QUOTES));
        assertEquals(List.of("W:a$b"), tokens("a$b"), "a dollar inside a word is part of it");
        assertEquals(0, ambiguities("SELECT a$b, $1 FROM t"));
    }

    @Test
    void backslashesEscapeQuotesUnderTheMariaDbReadingOnly() {
        String sql = "SELECT 'a\\'; SET @x = 1; -- '";
        assertEquals(List.of("W:SELECT", "S:'a\\'", "C:;", "W:SET", "V:@x", "C:=", "N:1", "C:;"), tokens(sql, 0));
        assertEquals(List.of("W:SELECT", "S:'a\\'; SET @x = 1; -- '"), tokens(sql, SqlLexer.BACKSLASH_ESCAPES));
        assertEquals(SqlLexer.BACKSLASH_ESCAPES, ambiguities(sql) & SqlLexer.BACKSLASH_ESCAPES);
        assertEquals(List.of("Q:`a\\`"), tokens("`a\\`", SqlLexer.BACKSLASH_ESCAPES), "never in backticks");
    }

    @Test
    void hashStartsACommentUnderTheMariaDbReadingAndIsAnOperatorOtherwise() {
        String sql = "SELECT 1 # '\nSET @x = 1; SELECT '";
        assertEquals(List.of("W:SELECT", "N:1", "W:SET", "V:@x", "C:=", "N:1", "C:;", "W:SELECT", "O:'"),
                tokens(sql, SqlLexer.HASH_COMMENTS));
        assertEquals(List.of("W:SELECT", "N:1", "C:#", "S:'\nSET @x = 1; SELECT '"), tokens(sql, 0));
        assertEquals(SqlLexer.HASH_COMMENTS, ambiguities(sql));
    }

    @Test
    void blockCommentsNestUnderThePostgresReadingOnly() {
        String sql = "/* /* */ SET x = 1; /* */";
        assertEquals(List.of("W:SET", "W:x", "C:=", "N:1", "C:;"), tokens(sql, 0));
        assertEquals(List.of("O:/* /* */ SET x = 1; /* */"), tokens(sql, SqlLexer.NESTED_COMMENTS),
                "depth 1 at the end: unterminated");
        assertEquals(List.of("W:a"), tokens("/* /* */ */ a", SqlLexer.NESTED_COMMENTS));
        assertEquals(SqlLexer.NESTED_COMMENTS, ambiguities(sql));
    }

    @Test
    void twoDashesWithoutSpaceAreMinusSignsUnderTheMariaDbReading() {
        String sql = "SELECT 1--1; SET @x = 1";
        assertEquals(List.of("W:SELECT", "N:1"), tokens(sql, 0));
        assertTrue(tokens(sql, SqlLexer.DASH_COMMENT_NEEDS_SPACE).contains("W:SET"));
        assertEquals(SqlLexer.DASH_COMMENT_NEEDS_SPACE, ambiguities(sql));
        assertEquals(0, ambiguities("SELECT 1 -- comment"));
    }

    @Test
    void variablesAreOneToken() {
        assertEquals(List.of("V:@x", "C::", "C:=", "V:@@session.sql_mode", "C:,", "V:@'a b'", "C:,", "V:@`c`"),
                tokens("@x := @@session.sql_mode, @'a b', @`c`"));
        assertEquals(List.of("W:a", "C:@", "C:>", "W:b"), tokens("a @> b"), "PostgreSQL's operators stay punctuation");
    }

    @Test
    void unterminatedTextAndExecutableCommentsAreOpaqueToTheEnd() {
        assertEquals(List.of("W:SELECT", "O:'abc; SET x"), tokens("SELECT 'abc; SET x"));
        assertEquals(List.of("W:SELECT", "O:/* SET x"), tokens("SELECT /* SET x"));
        assertEquals(List.of("W:SELECT", "N:1", "O:/*!50000 SET @x = 1 */ ;"), tokens("SELECT 1 /*!50000 SET @x = 1 */ ;"));
        assertEquals(List.of("O:/*M!100000 SET @x = 1 */"), tokens("/*M!100000 SET @x = 1 */"));
    }

    @Test
    void wordsAreComparedIgnoringCaseAndQuotedNamesByTheirContent() {
        SqlLexer l = new SqlLexer("Set_Config \"SET_CONFIG\" U&\"s\"", 0);
        l.next();
        assertTrue(l.isWord("set_config"));
        assertTrue(l.names("set_config"));
        l.next();
        assertFalse(l.isWord("set_config"));
        assertTrue(l.names("set_config"));
        assertFalse(l.unicodeEscaped());
        l.next();
        l.next();
        l.next();
        assertTrue(l.unicodeEscaped());
    }
}
