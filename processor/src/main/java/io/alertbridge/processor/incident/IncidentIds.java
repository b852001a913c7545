package io.alertbridge.processor.incident;

/**
 * Short, human-friendly, unique incident ids such as {@code INC-7F3A}.
 *
 * <p>An id encodes the lifecycle task's partition and that task's own sequence number, so tasks never need to agree
 * on anything and two ids can never be equal: {@code value = sequence * 1024 + partition} (up to 1,024 partitions)
 * is written in Crockford's base 32 (no I, L, O or U, so ids read aloud well), after a bijective scramble within
 * its width so that consecutive incidents do not look alike. Four characters cover the first 1,024 incidents of
 * each partition, five the next 31,744; widths grow as needed and ids of different widths differ in length.
 * Thread-safe (stateless).
 */
public final class IncidentIds {

    /** The prefix of every incident id. */
    public static final String PREFIX = "INC-";

    /** Partitions an id can tell apart. */
    public static final int MAX_PARTITIONS = 1024;

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int MIN_WIDTH = 4;
    private static final int MAX_WIDTH = 12;
    private static final long MAX_SEQUENCE = 1L << (MAX_WIDTH * 5 - 10);
    private static final int BITS_PER_CHAR = 5;
    // Odd multipliers are invertible modulo any power of two: the scramble is a bijection on each width.
    private static final long MULTIPLIER = 0x5DEECE66DL | 1L;

    private IncidentIds() {}

    /**
     * The id of the {@code sequence}-th incident of a partition.
     *
     * @param partition the lifecycle task's partition, in [0, {@value #MAX_PARTITIONS})
     * @param sequence the task's sequence number, from 0 (below 2^50)
     */
    public static String format(int partition, long sequence) {
        if (partition < 0 || partition >= MAX_PARTITIONS) {
            throw new IllegalArgumentException("partition must be in [0, " + MAX_PARTITIONS + "): " + partition);
        }
        if (sequence < 0 || sequence >= MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        long value = sequence * MAX_PARTITIONS + partition;
        int width = MIN_WIDTH;
        while (width < MAX_WIDTH && value >= 1L << (width * BITS_PER_CHAR)) {
            width++;
        }
        long mask = (1L << (width * BITS_PER_CHAR)) - 1;
        long scrambled = scramble(value, mask, width * BITS_PER_CHAR);
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (scrambled & 31)];
            scrambled >>>= BITS_PER_CHAR;
        }
        return PREFIX + new String(out);
    }

    /** Multiply by an odd constant, then xor-shift: both invertible within {@code bits}, so no two values meet. */
    private static long scramble(long value, long mask, int bits) {
        long x = (value * MULTIPLIER) & mask;
        x ^= x >>> (bits / 2);
        return (x * MULTIPLIER) & mask;
    }
}
