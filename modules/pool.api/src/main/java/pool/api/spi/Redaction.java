package pool.api.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets a JDBC URL can carry wherever a URL, or a message quoting one, goes
 * to a log, an exception or a remote client. A password can be written into a URL
 * ({@code ?password=...}, {@code ;PASSWORD=...}, {@code //user:password@host}), and
 * drivers and pools quote URLs in their error messages; every such value becomes
 * {@code ***}. The one masking rule of poold: the engine, the daemon and the remote
 * protocol all call this.
 */
public final class Redaction {

    /**
     * A URL parameter whose name says it holds a secret ({@code password}, {@code sslpassword},
     * {@code keyStorePassword}, {@code password1}, {@code pwd}, {@code secret}, {@code token},
     * {@code sslkey}): its value up to the next separator.
     */
    private static final Pattern URL_SECRET = Pattern.compile(
            "(?i)(\\b\\w*(?:password|passwd|pwd|secret|token|sslkey)\\w*=)[^&;\\s]*");
    /** The password of a URL's user-info part, {@code //user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]*:)[^/@\\s]*@");
    /** The same two kinds of secret, for reading their values out of a URL. */
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)\\b\\w*(?:password|passwd|pwd|secret|token|sslkey)\\w*=([^&;\\s]*)|//[^/@:\\s]*:([^/@\\s]*)@");
    /**
     * Shorter values are not looked for in the text: one or two characters also occur in
     * the ordinary words of a message, which masking would garble, and protect nothing.
     */
    private static final int SHORTEST_VALUE_MASKED = 3;

    private Redaction() {
    }

    /**
     * @return {@code text} with URL secret parameters and user-info passwords replaced by
     *         {@code ***}; null stays null
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String s = URL_SECRET.matcher(text).replaceAll("$1***");
        return USER_INFO.matcher(s).replaceAll("$1***@");
    }

    /**
     * Masks as {@link #mask(String)} does, and also every value a secret of {@code jdbcUrl}
     * has, wherever it appears: a driver that cannot parse a URL quotes pieces of it
     * ({@code Incorrect port value : hunter2@db}), which no longer look like a URL.
     *
     * @return {@code text} masked; null stays null
     */
    public static String mask(String text, String jdbcUrl) {
        String s = mask(text);
        if (s == null || jdbcUrl == null) {
            return s;
        }
        Matcher m = SECRET_VALUE.matcher(jdbcUrl);
        while (m.find()) {
            String value = m.group(1) != null ? m.group(1) : m.group(2);
            s = maskValue(s, value);
            try {
                s = maskValue(s, URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notEncoded) {
                // A value with a stray '%' is not URL-encoded: its literal form is masked above.
            }
        }
        return s;
    }

    private static String maskValue(String text, String value) {
        return value.length() < SHORTEST_VALUE_MASKED || value.equals("***") ? text : text.replace(value, "***");
    }
}
