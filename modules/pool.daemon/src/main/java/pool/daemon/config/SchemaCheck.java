package pool.daemon.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates a file against pools.xsd before anything is bound, recording every error
 * with its line and column. The parser's messages are kept but made readable: the
 * {@code cvc-...} codes and namespace noise go, and a known mistake gets a hint.
 */
final class SchemaCheck {

    /** pools.xsd is copied into this package at build time from config/pools.xsd, the one source. */
    private static final Schema SCHEMA = loadSchema();

    private static final Pattern CODE = Pattern.compile("^cvc-[a-zA-Z0-9.-]+: ");
    private static final Pattern QUALIFIED = Pattern.compile("\\{?\"" + Pattern.quote(XmlNames.NAMESPACE) + "\":([A-Za-z]+)}?");
    private static final Pattern UNEXPECTED = Pattern.compile(
            "Invalid content was found starting with element '(\\w+)'\\. One of '(.*)' is expected\\.");
    private static final Pattern NO_CHILD_EXPECTED = Pattern.compile(
            "Invalid content was found starting with element '(\\w+)'\\. No child element is expected at this point\\.");
    private static final Pattern INCOMPLETE = Pattern.compile(
            "The content of element '(\\w+)' is not complete\\. One of '(.*)' is expected\\.");
    private static final Pattern BOUND = Pattern.compile(
            "Value '(.*)' is not facet-valid with respect to (min|max)Inclusive '(.*)' for type '[^']+'\\.");
    private static final Pattern ENUMERATION = Pattern.compile(
            "Value '(.*)' is not facet-valid with respect to enumeration '\\[(.*)]'\\. It must be a value from the enumeration\\.");
    private static final Pattern ATTRIBUTE_NOT_ALLOWED = Pattern.compile(
            "Attribute '([^']+)' is not allowed to appear in element '(\\w+)'\\.");
    private static final Pattern NOT_OF_TYPE = Pattern.compile("'(.*)' is not a valid value for '(\\w+)'\\.");
    private static final Pattern MISSING_ATTRIBUTE = Pattern.compile("Attribute '(\\w+)' must appear on element '(\\w+)'\\.");
    private static final Pattern SIMPLE_WITH_CHILDREN = Pattern.compile(
            "Element '(\\w+)' is a simple type, so it must have no element information item \\[children]\\.");
    private static final Pattern SIMPLE_WITH_ATTRIBUTE = Pattern.compile(
            "(?s)Element '(\\w+)' is a simple type, so it cannot have attributes,.* the attribute, '([^']+)' was found\\.");
    /** Xerces's second report of a bad value: the only one that names the element or attribute. */
    private static final Pattern VALUE_OF = Pattern.compile(
            "cvc-(?:type\\.3\\.1\\.3|attribute\\.3): The value '.*' of (?:element '(\\w+)'|attribute '(\\w+)' on element '(\\w+)').*");

    /** The children of {@code <poold>}, in the order the schema wants them. */
    private static final List<String> TOP = List.of("daemon", "clients", "jmx", "pool");
    /** Every element name the schema declares: a known name refused where it stands is repeated or misplaced. */
    private static final java.util.Set<String> ELEMENTS = declaredNames("element");
    /** Every attribute name the schema declares, for a hint at a misspelt one. */
    private static final java.util.Set<String> ATTRIBUTES = declaredNames("attribute");

    /**
     * The parser checks nothing more inside an element after the first child it refused there
     * (a misspelt setting hides every later problem of its pool). So each round blanks the
     * elements refused so far, keeping every other line and column where it was, and validates
     * again, until a round refuses nothing new; bounded, as a file with this many problems is
     * not a poold configuration anyway.
     */
    private static final int MAX_ROUNDS = 50;

    void validate(Path file, byte[] content, ConfigProblems problems) {
        java.util.Set<ConfigProblems.Found> found = new java.util.LinkedHashSet<>();
        // Read and written back in the document's own encoding, which its declaration keeps naming.
        java.nio.charset.Charset charset = DocumentCharset.of(content);
        List<String> lines = DocumentCharset.text(content, charset).lines()
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        byte[] round = content;
        for (int i = 0; i < MAX_ROUNDS; i++) {
            ConfigProblems these = new ConfigProblems();
            List<int[]> refused = validateOnce(file, round, charset, these);
            int before = found.size();
            // A later round adds only places not reported yet: what it says again of a place is
            // the same problem.
            java.util.Set<Location> known = new java.util.HashSet<>();
            found.forEach(f -> known.add(f.where()));
            for (ConfigProblems.Found f : these.found()) {
                if (i == 0 || !known.contains(f.where())) {
                    found.add(f);
                }
            }
            if (refused.isEmpty() || found.size() == before) {
                break;
            }
            for (int[] span : refused) {
                blank(lines, span);
            }
            round = String.join("\n", lines).getBytes(charset);
        }
        List<ConfigProblems.Found> ordered = new java.util.ArrayList<>(found);
        // Later rounds find what lies between the first round's finds: report in file order.
        ordered.sort(java.util.Comparator.comparingInt((ConfigProblems.Found f) -> f.where().line())
                .thenComparingInt(f -> f.where().column()));
        ordered.forEach(f -> problems.add(f.where(), f.message()));
    }

    /** Replaces {@code span} (line, index from, line, index to: 1-based lines, 0-based indexes, end exclusive) with blanks. */
    private static void blank(List<String> lines, int[] span) {
        for (int line = span[0]; line <= span[2] && line <= lines.size(); line++) {
            char[] text = lines.get(line - 1).toCharArray();
            int from = line == span[0] ? span[1] : 0;
            int to = line == span[2] ? Math.min(span[3], text.length) : text.length;
            for (int i = Math.max(0, from); i < to; i++) {
                text[i] = ' ';
            }
            lines.set(line - 1, new String(text));
        }
    }

    /** @return the spans of the elements refused where they stand, for {@link #blank} */
    private List<int[]> validateOnce(Path file, byte[] content, java.nio.charset.Charset charset,
                                     ConfigProblems problems) {
        Validator validator = SCHEMA.newValidator();
        try {
            validator.setProperty(SecureXml.LOCALE, java.util.Locale.ROOT);
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's schema validator lacks the locale property", e);
        }
        var text = new TextStart(file, content, charset);
        text.setParent(SecureXml.newReader());
        var handler = new Recorder(file, problems, text);
        validator.setErrorHandler(handler);
        var source = new SAXSource(text, new InputSource(new ByteArrayInputStream(content)));
        source.getInputSource().setSystemId(file.toUri().toString());
        try {
            validator.validate(source);
            handler.flush();
            return text.refusedSpans();
        } catch (SAXParseException e) {
            // Already recorded by fatalError: malformed XML ends validation there.
        } catch (SAXException | IOException e) {
            handler.flush();
            problems.add(Location.of(file), "cannot be read as XML: " + e.getMessage());
        }
        return List.of();
    }

    private static java.util.Set<String> declaredNames(String kind) {
        try (var in = SchemaCheck.class.getResourceAsStream("pools.xsd")) {
            String xsd = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Pattern.compile("<xs:" + kind + " name=\"(\\w+)\"").matcher(xsd).results().map(r -> r.group(1))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (IOException | NullPointerException e) {
            return java.util.Set.of();
        }
    }

    private static Schema loadSchema() {
        URL xsd = SchemaCheck.class.getResource("pools.xsd");
        if (xsd == null) {
            throw new IllegalStateException("pools.xsd is missing from the pool.daemon module: the build is broken");
        }
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("pools.xsd in the pool.daemon module is invalid: " + e.getMessage(), e);
        }
    }

    /** Turns a parser message into one a person can act on. */
    static String readable(String message) {
        String m = CODE.matcher(message == null ? "" : message).replaceFirst("");
        m = QUALIFIED.matcher(m).replaceAll("$1");
        Matcher unexpected = UNEXPECTED.matcher(m);
        if (unexpected.matches()) {
            String element = unexpected.group(1);
            List<String> allowed = List.of(unexpected.group(2).split(", "));
            if (TOP.contains(element) && TOP.containsAll(allowed)) {
                return "element <" + element + "> is out of place: <poold> takes <daemon>, <clients> and <jmx>, each at"
                        + " most once, then the pools, in this order.";
            }
            Optional<String> near = closest(element, allowed);
            if (near.isEmpty() && ELEMENTS.contains(element)) {
                return "element <" + element + "> is not allowed here: it is given twice, or belongs in another element"
                        + " (each setting appears once). Allowed here: " + String.join(", ", allowed) + ".";
            }
            String hint = near.map(c -> " Did you mean <" + c + ">?").orElse("");
            return "element <" + element + "> is not allowed here." + hint + " Allowed here: " + String.join(", ", allowed) + ".";
        }
        Matcher notAllowedAtAll = NO_CHILD_EXPECTED.matcher(m);
        if (notAllowedAtAll.matches()) {
            // The parser says this both where the parent takes no elements at all and where its
            // elements are all given already (a <replica> after its <jdbcUrl>).
            String element = notAllowedAtAll.group(1);
            return "element <" + element + "> is not allowed here: nothing more may come at this point (an element"
                    + " given twice, or one that belongs in another element)."
                    + (element.equals("user") || element.equals("password")
                            ? " A <replica> takes only its <jdbcUrl>: replicas log in with the pool's <user> and <password>."
                            : "");
        }
        Matcher attribute = ATTRIBUTE_NOT_ALLOWED.matcher(m);
        if (attribute.matches()) {
            String name = attribute.group(1);
            String element = attribute.group(2);
            Optional<String> asElement = closest(name, List.copyOf(ELEMENTS));
            Optional<String> asAttribute = closest(name, List.copyOf(ATTRIBUTES));
            String hint = asAttribute.filter(a -> !a.equals(name)).map(a -> " Did you mean " + a + "=\"...\"?")
                    .or(() -> asElement.map(e -> " Settings are elements: write <" + e + ">...</" + e + "> inside <"
                            + element + ">."))
                    .orElse("");
            return "attribute " + name + " is not allowed on <" + element + ">." + hint;
        }
        Matcher incomplete = INCOMPLETE.matcher(m);
        if (incomplete.matches()) {
            List<String> expected = List.of(incomplete.group(2).split(", "));
            if (incomplete.group(1).equals("pool") && expected.contains("jdbcUrl")) {
                return "<pool> has no <jdbcUrl>: every pool needs the JDBC URL of its database,"
                        + " for example <jdbcUrl>jdbc:postgresql://127.0.0.1:5432/app</jdbcUrl>.";
            }
            return "element <" + incomplete.group(1) + "> is incomplete: it needs one of " + String.join(", ", expected) + ".";
        }
        Matcher enumeration = ENUMERATION.matcher(m);
        if (enumeration.matches()) {
            return "'" + enumeration.group(1) + "' is not allowed here: use one of " + enumeration.group(2) + ".";
        }
        if (m.startsWith("Cannot find the declaration of element")) {
            return m + " The root element must be <poold xmlns=\"" + XmlNames.NAMESPACE + "\">.";
        }
        if (m.contains("for type 'duration'")) {
            return "'" + firstQuoted(m) + "' is not a duration: write a whole number and a unit (ms, s, m, h or d),"
                    + " for example 500ms, 30s, 10m or 1h.";
        }
        if (m.contains("for type 'poolName'")) {
            return "'" + firstQuoted(m) + "' is not a valid name: use 1-64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit.";
        }
        if (m.contains("for type 'size'")) {
            return "'" + firstQuoted(m) + "' is not a size: write a whole number and KiB, MiB or GiB, for example 64MiB.";
        }
        if (m.contains("for type 'tenantName'") || m.contains("for type 'replicaName'")) {
            return "'" + firstQuoted(m) + "' is not a valid name: use 1-64 letters, digits, '_' or '-'"
                    + (m.contains("'tenantName'") ? " (also '.' and '@')" : "") + ", starting with a letter or digit.";
        }
        if (m.contains("for type 'h2Identifier'")) {
            return "'" + firstQuoted(m) + "' is not an H2 identifier: a letter, then up to 63 letters, digits or '_'.";
        }
        if (m.startsWith("Element '") && m.contains("cannot have character [children]")) {
            return "text is not allowed directly inside <" + firstQuoted(m) + ">: only elements (remove it, or make it an"
                    + " XML comment).";
        }
        Matcher missing = MISSING_ATTRIBUTE.matcher(m);
        if (missing.matches()) {
            return "<" + missing.group(2) + "> needs attribute " + missing.group(1) + "=\"...\""
                    + (missing.group(1).equals("hash") ? ": poold --hash-password makes the hash." : ".");
        }
        Matcher simpleChildren = SIMPLE_WITH_CHILDREN.matcher(m);
        if (simpleChildren.matches()) {
            return "<" + simpleChildren.group(1) + "> holds a value only: remove the element inside it (an XML comment"
                    + " may stay).";
        }
        Matcher simpleAttribute = SIMPLE_WITH_ATTRIBUTE.matcher(m);
        if (simpleAttribute.matches()) {
            return "attribute " + simpleAttribute.group(2) + " is not allowed on <" + simpleAttribute.group(1) + ">, which"
                    + " holds a value only: remove the attribute.";
        }
        if (m.contains("for type 'passwordHash'")) {
            return "the hash is not of the form pbkdf2-sha256$ITERATIONS$SALT$HASH (base64 salt and hash): make one with poold --hash-password.";
        }
        if (m.contains("for type 'port'")) {
            return "'" + firstQuoted(m) + "' is not a port: use 1 to 65535.";
        }
        Matcher notOfType = NOT_OF_TYPE.matcher(m);
        if (notOfType.matches()) {
            String value = notOfType.group(1);
            switch (notOfType.group(2)) {
                case "integer", "int" -> { return "'" + value + "' is not a whole number: write digits only, for example 10."; }
                case "boolean" -> { return "'" + value + "' is not a boolean: write true or false."; }
                case "double", "decimal" -> { return "'" + value + "' is not a number: write one such as 0.5."; }
                default -> { }
            }
        }
        Matcher bound = BOUND.matcher(m);
        if (bound.matches()) {
            return "'" + bound.group(1) + "' is too " + (bound.group(2).equals("min") ? "small: the least" : "large: the most")
                    + " allowed here is " + plain(bound.group(3)) + ".";
        }
        return m;
    }

    /** A double's bound prints as 1.0E0: say 1. */
    private static String plain(String number) {
        try {
            return new java.math.BigDecimal(number).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return number;
        }
    }

    private static String firstQuoted(String m) {
        int a = m.indexOf('\'');
        int b = a < 0 ? -1 : m.indexOf('\'', a + 1);
        return b < 0 ? "" : m.substring(a + 1, b);
    }

    /** @return the allowed name a typo most likely meant: at most two edits away */
    static Optional<String> closest(String typo, List<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            int d = editDistance(typo.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Passes the parse on, remembering where the first text directly inside each open element
     * begins: Xerces reports text an element may not hold at the element's end tag, which can
     * be many lines below the text. Its locator is exact about lines only, so the column is
     * found in the line itself.
     */
    private static final class TextStart extends org.xml.sax.helpers.XMLFilterImpl {
        private final Path file;
        private final List<String> lines;
        private final java.util.List<Location> open = new java.util.ArrayList<>();
        /** The open elements, innermost last, each with its children so far. */
        private final java.util.List<Frame> frames = new java.util.ArrayList<>();
        private final java.util.List<int[]> refused = new java.util.ArrayList<>();
        /** The element whose start the validator is judging now; null outside startElement. */
        private String arriving;
        private boolean refuseArriving;
        private org.xml.sax.Locator locator;

        /**
         * An open element: its name, its children so far with where each was first given, and
         * where its start tag begins when the validator refused it (else null).
         */
        private record Frame(String name, java.util.Map<String, Location> children, int[] refusedStart) {
        }

        TextStart(Path file, byte[] content, java.nio.charset.Charset charset) {
            this.file = file;
            this.lines = DocumentCharset.text(content, charset).lines().toList();
        }

        /** @return where the text inside the innermost open element begins, or null when it holds none */
        Location innermost() {
            return open.isEmpty() ? null : open.getLast();
        }

        @Override
        public void setDocumentLocator(org.xml.sax.Locator l) {
            locator = l;
            super.setDocumentLocator(l);
        }

        /** @return the element being started now, if the validator is judging its place */
        String arriving() {
            return arriving;
        }

        /** @return the element the one being started stands in, or null at the root */
        Frame parent() {
            return frames.isEmpty() ? null : frames.getLast();
        }

        /** Marks the element being started as refused where it stands: the next round goes without it. */
        void refuseArriving() {
            refuseArriving = true;
        }

        /** @return the spans of the refused elements, as {@link SchemaCheck#blank} takes them */
        List<int[]> refusedSpans() {
            return List.copyOf(refused);
        }

        @Override
        public void startElement(String uri, String local, String qName, org.xml.sax.Attributes a)
                throws SAXException {
            arriving = local;
            refuseArriving = false;
            try {
                super.startElement(uri, local, qName, a);
            } finally {
                arriving = null;
            }
            open.add(null);
            Location here = locator == null ? Location.of(file)
                    : new Location(file, locator.getLineNumber(), locator.getColumnNumber());
            if (!frames.isEmpty()) {
                frames.getLast().children().putIfAbsent(local, here);
            }
            frames.add(new Frame(local, new java.util.LinkedHashMap<>(), refuseArriving ? startOf(qName) : null));
        }

        @Override
        public void endElement(String uri, String local, String qName) throws SAXException {
            super.endElement(uri, local, qName); // the validator reports the element's problems now
            open.removeLast();
            Frame f = frames.removeLast();
            if (f.refusedStart() != null && locator != null) {
                int[] start = f.refusedStart();
                refused.add(new int[] {start[0], start[1], locator.getLineNumber(), locator.getColumnNumber() - 1});
            }
        }

        /**
         * @return where the start tag that ends at the locator begins (line, 0-based index), found
         *         by looking back for {@code <qName}; null when the locator is unknown or it is not found
         */
        private int[] startOf(String qName) {
            if (locator == null) {
                return null;
            }
            int line = locator.getLineNumber();
            int from = locator.getColumnNumber() - 1;
            for (; line >= 1 && line <= lines.size(); line--) {
                String text = lines.get(line - 1);
                int at = text.lastIndexOf("<" + qName, Math.min(from, text.length()));
                if (at >= 0) {
                    return new int[] {line, at};
                }
                from = Integer.MAX_VALUE;
            }
            return null;
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            int first = start;
            while (first < start + length && Character.isWhitespace(ch[first])) {
                first++;
            }
            if (!open.isEmpty() && open.getLast() == null && first < start + length && locator != null) {
                int line = locator.getLineNumber();
                for (int i = first; i < start + length; i++) {
                    line -= ch[i] == '\n' ? 1 : 0;
                }
                int end = first;
                while (end < start + length && ch[end] != '\n' && ch[end] != '\r') {
                    end++;
                }
                open.set(open.size() - 1, new Location(file, line, column(line, new String(ch, first, end - first))));
            }
            super.characters(ch, start, length);
        }

        /** @return the column where {@code text} starts on {@code line}, after a tag or at the line's start */
        private int column(int line, String text) {
            if (line < 1 || line > lines.size()) {
                return 0;
            }
            Matcher m = Pattern.compile("(?:^|>)\\s*(" + Pattern.quote(text) + ")").matcher(lines.get(line - 1));
            return m.find() ? m.start(1) + 1 : 0;
        }
    }

    /**
     * Records errors. Xerces reports a bad value twice at the same place: the facet or
     * type first (what is wrong), then "the value of element X is not valid", the only
     * report that names the element or attribute. So the first is held until the next
     * report and takes the name from the second, which is then dropped.
     */
    private static final class Recorder implements ErrorHandler {
        private final Path file;
        private final ConfigProblems problems;
        private final TextStart text;
        private Location held;
        private String heldMessage;
        /** Whether the held report has its name: a further report at its place is then another problem. */
        private boolean heldNamed;

        Recorder(Path file, ConfigProblems problems, TextStart text) {
            this.file = file;
            this.problems = problems;
            this.text = text;
        }

        @Override
        public void warning(SAXParseException e) {
            // Schema warnings do not make a file unusable.
        }

        @Override
        public void error(SAXParseException e) {
            record(e, placed(e.getMessage()));
        }

        /**
         * @return the readable message, said more exactly when it refuses the element being
         *         started where it stands (given twice, too late, in the wrong parent), which is
         *         then left out of the next round
         */
        private String placed(String message) {
            String readable = readable(message);
            String m = QUALIFIED.matcher(CODE.matcher(message == null ? "" : message).replaceFirst("")).replaceAll("$1");
            Matcher unexpected = UNEXPECTED.matcher(m);
            Matcher nothingMore = NO_CHILD_EXPECTED.matcher(m);
            String element = unexpected.matches() ? unexpected.group(1)
                    : nothingMore.matches() ? nothingMore.group(1) : null;
            if (element == null || !element.equals(text.arriving())) {
                return readable;
            }
            text.refuseArriving();
            TextStart.Frame parent = text.parent();
            if (parent == null || parent.name().equals("poold")) {
                return readable; // the root's children have their own explanation
            }
            String exact = SchemaPlaces.refused(element, parent.name(), parent.children(),
                    unexpected.matches() ? List.of(unexpected.group(2).split(", ")) : List.of());
            return exact == null ? readable : exact;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            if (e.getMessage() != null && e.getMessage().contains("disallow-doctype-decl")) {
                record(e, "a DOCTYPE is not allowed in a poold configuration (it could pull in other files): remove it");
            } else {
                record(e, "not well-formed XML: " + e.getMessage());
            }
            flush();
            throw e;
        }

        /** Records the report still held; validation calls it once the parser is done. */
        void flush() {
            if (held != null) {
                problems.add(held, heldMessage);
                held = null;
            }
        }

        private void record(SAXParseException e, String message) {
            var where = new Location(file, e.getLineNumber(), e.getColumnNumber());
            if (message.startsWith("text is not allowed directly inside") && text.innermost() != null) {
                where = text.innermost();
            }
            if (where.equals(held)) {
                Matcher named = VALUE_OF.matcher(e.getMessage() == null ? "" : e.getMessage());
                if (named.matches() && !heldNamed) {
                    heldMessage = (named.group(1) != null ? "<" + named.group(1) + ">"
                            : "attribute " + named.group(2) + " of <" + named.group(3) + ">") + ": " + heldMessage;
                    heldNamed = true;
                }
                // Two bad attributes of one element are reported at the same place, each as a pair:
                // after a named pair, a report that names nothing begins the next attribute's.
                if (named.matches() || !heldNamed) {
                    return;
                }
            }
            flush();
            held = where;
            heldMessage = message;
            heldNamed = false;
        }
    }
}
