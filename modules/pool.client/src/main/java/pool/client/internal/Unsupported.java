package pool.client.internal;

import java.sql.SQLClientInfoException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;

/** The exceptions of JDBC methods poold's remote JDBC does not offer, naming the method. */
final class Unsupported {

    private Unsupported() {
    }

    static SQLFeatureNotSupportedException method(String method) {
        return new SQLFeatureNotSupportedException(method + " is not supported by poold's remote JDBC", "0A000");
    }

    static SQLClientInfoException clientInfo(String method) {
        return new SQLClientInfoException(method + " is not supported by poold's remote JDBC", Map.of());
    }

    static UnsupportedOperationException runtime(String method) {
        return new UnsupportedOperationException(method + " is not supported by poold's remote JDBC");
    }
}
