package io.stowage.bench;

import java.util.SplittableRandom;

/**
 * The same data for every side of a comparison: random 16-character keys, 100-byte values, and a random visiting
 * order, all from one seed.
 */
final class Dataset {

    static final int KEY_LENGTH = 16;
    static final int VALUE_LENGTH = 100;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    final String[] keys;
    final byte[][] values;
    /** Indexes into {@link #keys}, length a power of two, visited in turn. */
    final int[] order;

    Dataset(int entries, long seed) {
        this(entries, seed, false);
    }

    private Dataset(int entries, long seed, boolean families) {
        SplittableRandom random = new SplittableRandom(seed);
        keys = new String[entries];
        values = new byte[entries][];
        for (int i = 0; i < entries; i++) {
            char[] key = new char[KEY_LENGTH];
            for (int c = 0; c < KEY_LENGTH; c++) {
                key[c] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            if (families) {
                key[0] = i % 100 == 0 ? 'p' : 'q';
                key[1] = ':';
            }
            keys[i] = new String(key);
            byte[] value = new byte[VALUE_LENGTH];
            for (int b = 0; b < VALUE_LENGTH; b++) {
                value[b] = (byte) random.nextInt(256);
            }
            values[i] = value;
        }
        order = new int[Integer.highestOneBit(Math.max(entries, 2) * 2)];
        for (int i = 0; i < order.length; i++) {
            order[i] = random.nextInt(entries);
        }
    }

    /**
     * Keys in two families, still 16 characters: every hundredth is {@code p:} and 14 random characters, the rest
     * {@code q:} and 14 random characters.
     */
    static Dataset withListedFamily(int entries, long seed) {
        return new Dataset(entries, seed, true);
    }
}
