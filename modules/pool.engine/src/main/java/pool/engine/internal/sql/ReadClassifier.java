package pool.engine.internal.sql;

import java.util.Locale;
import java.util.Set;

/**
 * Decides from SQL text whether an autocommit statement only reads, so that a replica may run
 * it. It reads the text with the engine's {@link SqlLexer} (comments, quoted identifiers,
 * single-, backslash- and dollar-quoted literals, MariaDB's executable comments) and answers
 * {@link Route#READ} only when it is sure:
 * <ul>
 *   <li>every statement begins with SELECT, WITH, VALUES, TABLE or SHOW (or is BEGIN,
 *       START TRANSACTION, COMMIT, END or ROLLBACK of a transaction the text also ends, as
 *       in {@code BEGIN READ ONLY; SELECT ...; COMMIT}, with no option a hot standby refuses:
 *       SERIALIZABLE, READ WRITE), and at least one is a query;</li>
 *   <li>no statement holds INSERT, UPDATE, DELETE, MERGE, REPLACE INTO, INTO (SELECT INTO
 *       creates a table or assigns), LOCK (LOCK IN SHARE MODE), {@code FOR UPDATE},
 *       {@code FOR NO KEY UPDATE}, {@code FOR SHARE}, {@code FOR KEY SHARE}, or MariaDB's
 *       {@code NEXT VALUE FOR}: so a WITH holding a data-modifying statement writes;</li>
 *   <li>every function it calls is a built-in known not to write or lock
 *       ({@link #READ_CALLS}); any other name before a parenthesis (user functions,
 *       {@code nextval}, {@code setval}, {@code pg_advisory_xact_lock}, {@code txid_current},
 *       {@code last_insert_id}...) makes it {@link Route#WRITE};</li>
 *   <li>it reads no user variable ({@code @x}: its value lives in the primary's session), none of
 *       the system variables that answer about the session's last statements
 *       ({@link #LAST_STATEMENT_VARIABLES}: {@code @@identity}, {@code @@warning_count}...), and
 *       is not {@code SHOW WARNINGS}, {@code SHOW ERRORS} or {@code SHOW PROFILE(S)}: after a
 *       write on the primary, a replica's session would answer about its own statements.</li>
 * </ul>
 * Whatever the engine's {@link SessionEffects} finds may change the session (SET, CALL, DO,
 * LOCK, temporary objects, session advisory locks, user variable assignment, unreadable
 * text), and {@code nextval} / {@code setval} / {@code NEXT VALUE FOR} (the session's
 * {@code currval}), is {@link Route#SESSION}; so is text that leaves a transaction open.
 *
 * <p>EXPLAIN without ANALYZE plans a SELECT, INSERT, UPDATE, DELETE or MERGE without running
 * it: a read. With ANALYZE (and MariaDB's {@code ANALYZE SELECT ...}) the statement runs, and
 * goes where it would go itself.
 *
 * <p>Where the server's reading of the text depends on settings the text does not show
 * (backslashes in literals), every reading is tried and the most bound route wins.
 */
public final class ReadClassifier {

    /** PostgreSQL: dollar quotes and nested comments; backslashes depend on standard_conforming_strings. */
    public static final ReadClassifier POSTGRES = new ReadClassifier(
            SqlLexer.DOLLAR_QUOTES | SqlLexer.NESTED_COMMENTS, SqlLexer.BACKSLASH_ESCAPES);
    /** MariaDB: # comments, -- needs a space; backslashes depend on NO_BACKSLASH_ESCAPES. */
    public static final ReadClassifier MARIADB = new ReadClassifier(
            SqlLexer.HASH_COMMENTS | SqlLexer.DASH_COMMENT_NEEDS_SPACE, SqlLexer.BACKSLASH_ESCAPES);
    /** A server of unknown readings: every ambiguity is tried. */
    public static final ReadClassifier ANY = new ReadClassifier(0, SqlLexer.ALL_READINGS);

    private final int fixed;
    private final int open;

    private ReadClassifier(int fixed, int open) {
        this.fixed = fixed;
        this.open = open;
    }

    /** @return the classifier for a JDBC URL's server */
    public static ReadClassifier forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        return ANY;
    }

    /** @return where {@code sql}, run in autocommit, may go */
    public Route route(String sql) {
        Explain explain = Explain.of(sql, fixed, open);
        boolean planOnly = explain != null && !explain.runs();
        if (explain != null) {
            sql = sql.substring(explain.statement()); // the explained statement and what follows
        }
        if ((SessionEffects.of(sql, fixed, open) & SessionEffects.SESSION) != 0) {
            return Route.SESSION;
        }
        String text = sql;
        int routes = SqlLexer.everyReading(sql, fixed, open,
                lexer -> 1 << new Reading(text, lexer, planOnly).route().ordinal());
        return Route.values()[31 - Integer.numberOfLeadingZeros(routes)]; // the most bound of them
    }

    /** Statement kinds by first word. */
    private static final Set<String> QUERIES = Set.of("select", "with", "values", "table", "show");

    /** Words that make a query write or lock, wherever they stand. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "merge", "into", "lock");

    /**
     * MariaDB system variables (after {@code @@}, {@code @@session.} or {@code @@local.}) whose
     * value is about the session's own last statements, as {@code LAST_INSERT_ID()} is.
     */
    static final Set<String> LAST_STATEMENT_VARIABLES = Set.of("identity", "last_insert_id", "insert_id",
            "warning_count", "error_count", "last_gtid");

    /** What {@code SHOW} lists of the session's own last statements. */
    private static final Set<String> SHOW_LAST_STATEMENTS = Set.of("warnings", "errors", "profile", "profiles");

    /** Words of a transaction's start that a replica serves (no SERIALIZABLE, no READ WRITE). */
    private static final Set<String> READ_TRANSACTION_WORDS = Set.of("work", "transaction", "isolation", "level",
            "read", "committed", "uncommitted", "repeatable", "only", "not", "deferrable", "with", "consistent",
            "snapshot");

    /** Words of a transaction's end besides {@code TO} and {@code CHAIN}. */
    private static final Set<String> END_TRANSACTION_WORDS = Set.of("work", "transaction", "and", "no", "chain");

    /** Functions that change the session's sequence values. */
    private static final Set<String> SESSION_CALLS = Set.of("nextval", "setval");

    /**
     * Words that may stand before a parenthesis in a query without calling anything that
     * writes: SQL keywords, type names of casts, and built-in functions that only compute or
     * read. Lower case.
     */
    static final Set<String> READ_CALLS = Set.of(
            // keywords
            "select", "from", "where", "in", "exists", "any", "all", "some", "as", "on", "and", "or", "not",
            "using", "over", "filter", "within", "values", "join", "lateral", "union", "intersect", "except",
            "by", "having", "when", "then", "else", "case", "distinct", "array", "row", "cast", "extract",
            "position", "substring", "trim", "overlay", "rollup", "cube", "sets", "grouping", "like", "ilike",
            "between", "is", "limit", "offset", "with", "materialized", "window", "partition", "only",
            "convert", "match", "against", "index", "use", "force", "ignore", "key", "range", "rows", "groups",
            "if", "right", "mod", "elseif", "return", "table", "treat", "collate", "escape",
            // types
            "char", "varchar", "numeric", "decimal", "interval", "time", "timestamp", "float", "double",
            "precision", "varying", "character", "bit", "date", "int", "integer", "bigint", "smallint", "text",
            "json", "jsonb", "uuid", "boolean", "real", "signed", "unsigned", "binary", "datetime", "nchar",
            "nvarchar", "timestamptz", "timetz",
            // aggregates and window functions
            "count", "sum", "avg", "min", "max", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop",
            "var_samp", "bool_and", "bool_or", "every", "array_agg", "string_agg", "group_concat", "json_agg",
            "jsonb_agg", "json_object_agg", "jsonb_object_agg", "percentile_cont", "percentile_disc", "mode",
            "rank", "dense_rank", "row_number", "ntile", "lag", "lead", "first_value", "last_value", "nth_value",
            "cume_dist", "percent_rank", "bit_and", "bit_or", "bit_xor", "json_arrayagg", "json_objectagg",
            "any_value",
            // numbers
            "abs", "ceil", "ceiling", "floor", "round", "trunc", "sqrt", "power", "pow", "exp", "ln", "log",
            "log10", "log2", "sign", "div", "pi", "random", "rand", "greatest", "least", "width_bucket",
            "degrees", "radians", "sin", "cos", "tan", "atan", "atan2", "crc32",
            // text
            "length", "char_length", "character_length", "octet_length", "bit_length", "lower", "upper",
            "lcase", "ucase", "initcap", "concat", "concat_ws", "substr", "lpad", "rpad", "ltrim", "rtrim",
            "btrim", "replace", "translate", "reverse", "repeat", "split_part", "strpos", "instr", "locate",
            "format", "to_char", "to_date", "to_timestamp", "to_number", "md5", "sha1", "sha2", "encode",
            "decode", "hex", "unhex", "to_hex", "ascii", "chr", "regexp_replace", "regexp_matches",
            "regexp_match", "regexp_like", "regexp_substr", "regexp_instr", "regexp_split_to_array",
            "regexp_split_to_table", "starts_with", "quote_ident", "quote_literal", "quote_nullable", "left",
            "space", "field", "find_in_set", "elt", "soundex", "to_tsvector", "to_tsquery", "plainto_tsquery",
            "websearch_to_tsquery", "ts_rank", "ts_headline",
            // dates
            "now", "current_date", "current_time", "current_timestamp", "localtimestamp", "localtime",
            "clock_timestamp", "statement_timestamp", "transaction_timestamp", "timeofday", "age", "make_date",
            "make_time", "make_timestamp", "make_timestamptz", "make_interval", "date_trunc", "date_part",
            "date_format", "date_add", "date_sub", "adddate", "subdate", "datediff", "timestampdiff",
            "timestampadd", "str_to_date", "year", "month", "day", "hour", "minute", "second", "dayofweek",
            "dayofmonth", "dayofyear", "week", "weekday", "quarter", "last_day", "unix_timestamp",
            "from_unixtime", "curdate", "curtime", "sysdate", "utc_timestamp", "utc_date", "makedate",
            "to_days", "from_days", "isfinite", "justify_days", "justify_hours", "justify_interval",
            // conditionals and conversions
            "coalesce", "nullif", "ifnull", "isnull", "nvl", "nvl2", "pg_typeof", "format_type",
            // arrays, json, ranges
            "generate_series", "generate_subscripts", "unnest", "array_length", "array_position",
            "array_positions", "array_to_string", "string_to_array", "cardinality", "array_remove",
            "array_append", "array_prepend", "array_cat", "array_lower", "array_upper", "array_dims",
            "to_json", "to_jsonb", "row_to_json", "array_to_json", "json_build_object", "jsonb_build_object",
            "json_build_array", "jsonb_build_array", "json_object", "json_array", "json_extract", "json_value",
            "json_query", "json_unquote", "json_contains", "json_length", "json_keys", "json_valid",
            "json_array_length", "jsonb_array_length", "json_each", "jsonb_each", "json_each_text",
            "jsonb_each_text", "jsonb_typeof", "json_typeof", "jsonb_pretty", "jsonb_set", "jsonb_insert",
            "jsonb_strip_nulls", "jsonb_path_query", "jsonb_path_exists", "jsonb_path_query_array",
            "jsonb_path_query_first", "json_table", "jsonb_object_keys", "json_object_keys", "json_extract_path",
            "jsonb_extract_path", "json_extract_path_text", "jsonb_extract_path_text", "int4range",
            "int8range", "numrange", "tsrange", "tstzrange", "daterange", "isempty", "lower_inc", "upper_inc",
            "lower_inf", "upper_inf",
            // the server and its replication state
            "version", "current_database", "current_schema", "current_schemas", "current_setting", "database", "schema",
            "user", "current_user", "session_user", "system_user", "current_role", "pg_is_in_recovery",
            "pg_last_wal_replay_lsn", "pg_last_wal_receive_lsn", "pg_last_xact_replay_timestamp",
            "pg_database_size", "pg_relation_size", "pg_total_relation_size", "pg_table_size",
            "pg_indexes_size", "pg_size_pretty", "has_table_privilege", "has_schema_privilege",
            "has_database_privilege", "obj_description", "col_description", "pg_get_viewdef",
            "pg_get_indexdef", "pg_get_constraintdef", "pg_sleep", "sleep", "inet_server_port",
            "inet_server_addr", "gen_random_uuid", "uuid_short",
            // common pure built-ins a read uses, left out before (they sent plain reads to the primary)
            "json_array_elements", "jsonb_array_elements", "json_array_elements_text",
            "jsonb_array_elements_text", "json_strip_nulls", "jsonb_path_match", "json_search", "json_type",
            "json_depth", "json_contains_path", "json_overlaps", "string_to_table", "regexp_count",
            "array_fill", "array_replace", "array_ndims", "date_bin", "timezone", "substring_index",
            "convert_tz", "dayname", "monthname", "yearweek", "microsecond", "to_base64", "from_base64",
            "median", "std", "corr", "covar_pop", "covar_samp", "regr_slope", "regr_intercept");

    /**
     * EXPLAIN's prefix: where the explained statement begins, and whether it runs (ANALYZE).
     * PostgreSQL's {@code EXPLAIN [(option [value], ...)]} and {@code EXPLAIN [ANALYZE]
     * [VERBOSE]}; MariaDB's {@code EXPLAIN [EXTENDED | PARTITIONS | FORMAT=JSON]} and its
     * {@code ANALYZE [FORMAT=JSON] statement}, which runs the statement ({@code ANALYZE TABLE}
     * is no EXPLAIN: it writes statistics).
     */
    private record Explain(int statement, boolean runs) {

        /** Statements EXPLAIN may show the plan of without running anything else. */
        private static final Set<String> EXPLAINABLE = Set.of(
                "select", "with", "values", "table", "insert", "update", "delete", "merge", "replace");

        /**
         * @return the prefix of {@code sql}, or null when it is no EXPLAIN of an explainable
         *         statement, or its prefix holds anything but words, numbers and {@code ( ) , =}
         *         or reads differently under the readings the server may follow
         */
        static Explain of(String sql, int fixed, int open) {
            SqlLexer l = new SqlLexer(sql, fixed);
            if (l.next() != SqlLexer.WORD) {
                return null;
            }
            boolean runs;
            int t;
            if (l.isWord("explain")) {
                runs = false;
                t = l.next();
                if (t == SqlLexer.PUNCT && l.punct() == '(') {
                    int analyze = options(sql, l);
                    if (analyze < 0) {
                        return null;
                    }
                    runs = analyze == 1;
                    t = l.next();
                } else {
                    for (; t == SqlLexer.WORD && !EXPLAINABLE.contains(word(sql, l)); t = l.next()) {
                        if (l.isWord("analyze") || l.isWord("analyse")) {
                            runs = true;
                        } else if (l.isWord("format")) {
                            if (!format(l)) {
                                return null;
                            }
                        } else if (!l.isWord("verbose") && !l.isWord("extended") && !l.isWord("partitions")) {
                            return null;
                        }
                    }
                }
            } else if (l.isWord("analyze")) {
                runs = true;
                t = l.next();
                if (t == SqlLexer.WORD && l.isWord("format")) {
                    if (!format(l)) {
                        return null;
                    }
                    t = l.next();
                }
                if (t == SqlLexer.WORD && l.isWord("table")) {
                    return null;
                }
            } else {
                return null;
            }
            if (t != SqlLexer.WORD || !EXPLAINABLE.contains(word(sql, l)) || (l.ambiguities() & open) != 0) {
                return null;
            }
            return new Explain(l.start(), runs);
        }

        /**
         * Reads PostgreSQL's option list from its {@code (} to its {@code )}.
         *
         * @return 1 when ANALYZE is on, 0 when off, -1 when the list is not one this reads
         */
        private static int options(String sql, SqlLexer l) {
            int analyze = 0;
            int t = l.next();
            while (!(t == SqlLexer.PUNCT && l.punct() == ')')) {
                if (t != SqlLexer.WORD) {
                    return -1;
                }
                boolean isAnalyze = l.isWord("analyze") || l.isWord("analyse");
                t = l.next();
                boolean on = true;
                if (t == SqlLexer.WORD || t == SqlLexer.NUMBER) { // the option's value
                    on = !(l.isWord("false") || l.isWord("off") || t == SqlLexer.NUMBER && word(sql, l).equals("0"));
                    t = l.next();
                }
                if (isAnalyze) {
                    analyze = on ? 1 : 0;
                }
                if (t == SqlLexer.PUNCT && l.punct() == ',') {
                    t = l.next();
                } else if (!(t == SqlLexer.PUNCT && l.punct() == ')')) {
                    return -1;
                }
            }
            return analyze;
        }

        /** Reads {@code = NAME} after MariaDB's FORMAT, leaving the lexer on the name. */
        private static boolean format(SqlLexer l) {
            return l.next() == SqlLexer.PUNCT && l.punct() == '=' && l.next() == SqlLexer.WORD;
        }

        private static String word(String sql, SqlLexer l) {
            return sql.substring(l.start(), l.end()).toLowerCase(Locale.ROOT);
        }
    }

    /** One reading of the text: the route of its statements. */
    private static final class Reading {
        private final String sql;
        private final SqlLexer l;
        /** The first statement is only planned (EXPLAIN without ANALYZE): it runs nowhere. */
        private final boolean planOnly;
        private int openTransactions;
        private int queries;

        Reading(String sql, SqlLexer lexer, boolean planOnly) {
            this.sql = sql;
            this.l = lexer;
            this.planOnly = planOnly;
        }

        Route route() {
            Route route = Route.READ;
            boolean first = true;
            int t = l.next();
            while (t != SqlLexer.END) {
                if (t == SqlLexer.PUNCT && l.punct() == ';') {
                    t = l.next();
                    continue;
                }
                Route statement = statement();
                if (first && planOnly) {
                    statement = Route.READ;
                    queries++; // a plan is a query's result
                }
                first = false;
                route = route.worst(statement);
                t = l.type();
            }
            if (openTransactions > 0) {
                return Route.SESSION; // it leaves a transaction open that autocommit does not know of
            }
            return queries == 0 ? route.worst(Route.WRITE) : route;
        }

        /** From a statement's first token to its {@code ;} or END, where the lexer is left. */
        private Route statement() {
            int t = l.type();
            while (t == SqlLexer.PUNCT && l.punct() == '(') {
                t = l.next(); // (SELECT ...) UNION (SELECT ...)
            }
            if (t != SqlLexer.WORD) {
                skipStatement();
                return Route.WRITE;
            }
            String first = word();
            if (QUERIES.contains(first)) {
                queries++;
                l.next();
                return query(first);
            }
            switch (first) {
                case "begin" -> {
                    openTransactions++;
                    return transactionStart();
                }
                case "start" -> {
                    if (l.next() == SqlLexer.WORD && l.isWord("transaction")) {
                        openTransactions++;
                        return transactionStart();
                    }
                    skipStatement();
                    return Route.WRITE;
                }
                case "commit", "end", "abort", "rollback" -> {
                    return transactionEnd();
                }
                case "savepoint", "release" -> { }
                default -> {
                    skipStatement();
                    return Route.WRITE;
                }
            }
            skipStatement();
            return Route.READ;
        }

        /**
         * The options of a BEGIN or START TRANSACTION, from the token after its keywords. A
         * standby refuses a serializable or read-write transaction ("cannot use serializable
         * mode in a hot standby", "cannot set transaction read-write mode during recovery"),
         * and any option not known harmless may be one: only the levels below serializable,
         * READ ONLY, DEFERRABLE and a consistent snapshot leave the text a read.
         */
        private Route transactionStart() {
            for (int t = l.next(); t != SqlLexer.END && !(t == SqlLexer.PUNCT && l.punct() == ';'); t = l.next()) {
                if (!(t == SqlLexer.PUNCT && l.punct() == ',' || t == SqlLexer.WORD && READ_TRANSACTION_WORDS.contains(word()))) {
                    skipStatement();
                    return Route.WRITE;
                }
            }
            return Route.READ;
        }

        /**
         * COMMIT, END, ABORT or ROLLBACK, from its first word. {@code ROLLBACK [WORK] TO
         * [SAVEPOINT]} keeps the transaction open, and so does {@code AND CHAIN}, which begins
         * the next one at once: a transaction autocommit does not know of. Other words
         * (MariaDB's {@code RELEASE}, which ends the session) are not a read's.
         */
        private Route transactionEnd() {
            String before = null;
            for (int t = l.next(); t != SqlLexer.END && !(t == SqlLexer.PUNCT && l.punct() == ';'); t = l.next()) {
                String w = t == SqlLexer.WORD ? word() : "";
                if (w.equals("to")) {
                    skipStatement(); // a rollback to a savepoint: the transaction goes on
                    return Route.READ;
                }
                if (w.equals("chain") && !"no".equals(before)) {
                    skipStatement();
                    return Route.SESSION;
                }
                if (!END_TRANSACTION_WORDS.contains(w)) {
                    skipStatement();
                    return Route.WRITE;
                }
                before = w;
            }
            openTransactions = Math.max(0, openTransactions - 1);
            return Route.READ;
        }

        /** The rest of a query, from the token after its first word {@code first}. */
        private Route query(String first) {
            Route route = Route.READ;
            String before = first; // the word just before, or null when the token before was no word
            String before2 = null; // the word before that
            boolean quotedBefore = false;
            for (int t = l.type(); t != SqlLexer.END && !(t == SqlLexer.PUNCT && l.punct() == ';'); t = l.next()) {
                String w = null;
                boolean quoted = false;
                switch (t) {
                    case SqlLexer.WORD -> {
                        w = word();
                        if (WRITES.contains(w)) {
                            route = route.worst(Route.WRITE);
                        } else if (w.equals("sql_calc_found_rows")) {
                            // sets what the session's FOUND_ROWS() answers next, which runs on the primary
                            route = route.worst(Route.SESSION);
                        } else if ("show".equals(first) && SHOW_LAST_STATEMENTS.contains(w)) {
                            route = route.worst(Route.WRITE); // the session's own last statements
                        } else if ("for".equals(before)
                                && (w.equals("update") || w.equals("share") || w.equals("no") || w.equals("key"))) {
                            route = route.worst(Route.WRITE); // a locking read
                        } else if (w.equals("value") && ("next".equals(before) || "previous".equals(before))) {
                            route = route.worst(Route.SESSION); // MariaDB's NEXT VALUE FOR seq
                        }
                    }
                    case SqlLexer.QUOTED -> quoted = true;
                    case SqlLexer.VARIABLE -> {
                        if (!sql.startsWith("@@", l.start())) {
                            route = route.worst(Route.WRITE); // a user variable of the primary's session
                        } else if (LAST_STATEMENT_VARIABLES.contains(systemVariable(sql.substring(l.start() + 2, l.end())))) {
                            route = route.worst(Route.WRITE); // about the primary session's last statements
                        }
                    }
                    case SqlLexer.OPAQUE -> route = route.worst(Route.WRITE);
                    case SqlLexer.PUNCT -> {
                        if (l.punct() == '(') {
                            if (quotedBefore) {
                                route = route.worst(Route.WRITE); // a function named in quotes
                            } else if (before != null && !READ_CALLS.contains(before)
                                    && !"with".equals(before2) && !"recursive".equals(before2) && !"as".equals(before2)) {
                                // (not a CTE's or an alias's column list)
                                route = route.worst(SESSION_CALLS.contains(before) ? Route.SESSION : Route.WRITE);
                            }
                        }
                    }
                    default -> { }
                }
                before2 = before;
                before = w;
                quotedBefore = quoted;
            }
            return route;
        }

        private void skipStatement() {
            for (int t = l.type(); t != SqlLexer.END && !(t == SqlLexer.PUNCT && l.punct() == ';'); t = l.next()) {
                // up to the end of the statement
            }
        }

        /** @return a system variable's name without its {@code session.} or {@code local.} scope, lower case */
        private static String systemVariable(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return n.startsWith("session.") ? n.substring(8) : n.startsWith("local.") ? n.substring(6) : n;
        }

        private String word() {
            return sql.substring(l.start(), l.end()).toLowerCase(Locale.ROOT);
        }
    }
}
