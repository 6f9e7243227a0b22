package pool.routing.internal.replica;

import java.util.Arrays;

/**
 * How far a server's copy of the data goes: PostgreSQL's WAL location, MariaDB's GTID
 * position. A replica has everything a primary had at position P once its own replay
 * position {@link #reaches} P.
 */
public sealed interface Position {

    /** @return whether a replica at {@code this} position has replayed everything up to {@code target} */
    boolean reaches(Position target);

    /** A PostgreSQL WAL location (pg_lsn) as an unsigned 64-bit number. */
    record Lsn(long value) implements Position {
        /** @param text {@code X/Y}, two hexadecimal halves, as PostgreSQL prints a pg_lsn */
        public static Lsn parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not a pg_lsn: " + text);
            }
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            return new Lsn(high << 32 | low);
        }

        @Override
        public boolean reaches(Position target) {
            return target instanceof Lsn t && Long.compareUnsigned(value, t.value) >= 0;
        }
    }

    /**
     * A MariaDB GTID position: per replication domain, the highest sequence number
     * ({@code domain-server-seq,...}, as {@code @@gtid_binlog_pos} and {@code @@gtid_slave_pos}
     * print it). The server id does not matter for order: sequence numbers rise across it.
     *
     * @param domains sorted domain ids
     * @param seqs    the sequence number of each domain
     */
    record Gtids(long[] domains, long[] seqs) implements Position {
        public static Gtids parse(String text) {
            if (text == null || text.isBlank()) {
                return new Gtids(new long[0], new long[0]);
            }
            String[] parts = text.strip().split("\\s*,\\s*");
            long[][] pairs = new long[parts.length][];
            for (int i = 0; i < parts.length; i++) {
                String[] f = parts[i].split("-");
                if (f.length != 3) {
                    throw new IllegalArgumentException("not a GTID position: " + text);
                }
                pairs[i] = new long[] {Long.parseLong(f[0]), Long.parseUnsignedLong(f[2])};
            }
            Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
            long[] d = new long[pairs.length];
            long[] s = new long[pairs.length];
            for (int i = 0; i < pairs.length; i++) {
                d[i] = pairs[i][0];
                s[i] = pairs[i][1];
            }
            return new Gtids(d, s);
        }

        @Override
        public boolean reaches(Position target) {
            if (!(target instanceof Gtids t)) {
                return false;
            }
            for (int i = 0; i < t.domains.length; i++) {
                int at = Arrays.binarySearch(domains, t.domains[i]);
                if (at < 0 || Long.compareUnsigned(seqs[at], t.seqs[i]) < 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Gtids g && Arrays.equals(domains, g.domains) && Arrays.equals(seqs, g.seqs);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(domains) + Arrays.hashCode(seqs);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < domains.length; i++) {
                b.append(i == 0 ? "" : ",").append(domains[i]).append("-*-").append(Long.toUnsignedString(seqs[i]));
            }
            return b.toString();
        }
    }
}
