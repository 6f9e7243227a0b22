package pool.daemon.lifecycle;

import java.util.regex.Pattern;

/**
 * Hides what must not reach a log line. The configuration refuses secret references
 * in a JDBC URL, but a password can still be written into one inline
 * ({@code ?password=...}); such values are masked before the URL is logged.
 */
final class Redaction {

    private static final Pattern URL_SECRET = Pattern.compile(
            "(?i)((?:password|sslpassword|sslkey|secret|token)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private Redaction() {
    }

    /** @return {@code url} with password parameters and user-info passwords replaced by {@code ***} */
    static String url(String url) {
        String s = URL_SECRET.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(s).replaceAll("$1***@");
    }
}
