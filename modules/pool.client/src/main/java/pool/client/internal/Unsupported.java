package pool.client.internal;

import java.sql.SQLFeatureNotSupportedException;

/** The exceptions of JDBC methods poold's remote JDBC does not offer, naming the method. */
final class Unsupported {

    private Unsupported() {
    }

    static SQLFeatureNotSupportedException method(String method) {
        return new SQLFeatureNotSupportedException(method + " is not supported by poold's remote JDBC", "0A000");
    }
}
