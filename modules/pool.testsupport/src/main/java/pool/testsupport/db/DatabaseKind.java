package pool.testsupport.db;

/** The database servers the harness can start. */
public enum DatabaseKind {
    /** PostgreSQL, started from {@code initdb}/{@code postgres}; replicas by physical streaming replication. */
    POSTGRES("PostgreSQL"),
    /** MariaDB, started from {@code mariadb-install-db}/{@code mariadbd}; replicas by GTID binlog replication. */
    MARIADB("MariaDB");

    private final String displayName;

    DatabaseKind(String displayName) {
        this.displayName = displayName;
    }

    /** The product name, for messages. */
    public String displayName() {
        return displayName;
    }
}
