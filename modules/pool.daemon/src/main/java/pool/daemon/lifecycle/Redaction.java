package pool.daemon.lifecycle;

import java.util.regex.Pattern;

/**
 * Hides what must not reach a log line. The configuration refuses secret references
 * in a JDBC URL, but a password can still be written into one inline
 * ({@code ?password=...}), and drivers and the engine quote the URL in their error
 * messages; such values are masked in URLs and messages before they are logged.
 */
final class Redaction {

    private static final Pattern URL_SECRET = Pattern.compile(
            "(?i)((?:password|sslpassword|sslkey|secret|token)=)[^&;\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]*:)[^/@\\s]*@");

    private Redaction() {
    }

    /** @return {@code text} with URL password parameters and user-info passwords replaced by {@code ***} */
    static String mask(String text) {
        String s = URL_SECRET.matcher(text).replaceAll("$1***");
        return USER_INFO.matcher(s).replaceAll("$1***@");
    }
}
