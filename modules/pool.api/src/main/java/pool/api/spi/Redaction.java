package pool.api.spi;

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
}
