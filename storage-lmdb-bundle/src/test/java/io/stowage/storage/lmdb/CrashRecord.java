package io.stowage.storage.lmdb;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * The records of the crash test: a record's value is fully determined by its number and its batch, so any value that
 * was stored is either exactly what the writer put or detectably wrong.
 *
 * <p>Key: the number as 8 bytes big-endian (unsigned order is numeric order). Value: number (8), batch (8, the
 * batch's first number, or {@link #SINGLE}), filler length (4), filler (0 to 4 KiB, pseudo-random from the number,
 * so some values sit in a page and some span overflow pages), CRC32 of all before it (4).
 */
final class CrashRecord {

    /** The batch field of a record written by a single put. */
    static final long SINGLE = -1;

    /** Records in one atomic batch. */
    static final int BATCH_SIZE = 5;

    private static final int HEADER = 8 + 8 + 4;
    private static final int MAX_FILLER = 4 * 1024;

    /** What {@link #decode} found in a stored value that is exactly what the writer put. */
    record Decoded(long number, long batch) {
    }

    private CrashRecord() {
    }

    static byte[] key(long number) {
        return ByteBuffer.allocate(8).putLong(number).array();
    }

    static long number(byte[] key) {
        if (key.length != 8) {
            throw new IllegalStateException("a key of " + key.length + " bytes, not 8: " + Arrays.toString(key));
        }
        return ByteBuffer.wrap(key).getLong();
    }

    static byte[] value(long number, long batch) {
        SplittableRandom random = new SplittableRandom(number);
        byte[] filler = new byte[random.nextInt(MAX_FILLER + 1)];
        random.nextBytes(filler);
        ByteBuffer value = ByteBuffer.allocate(HEADER + filler.length + 4);
        value.putLong(number).putLong(batch).putInt(filler.length).put(filler);
        value.putInt(crc(value.array(), value.position()));
        return value.array();
    }

    /**
     * The number and batch of a stored value, after checking its length, checksum, own number and every byte
     * against what the writer puts; a torn or misplaced value throws, naming what is wrong.
     */
    static Decoded decode(byte[] key, byte[] value) {
        long number = number(key);
        if (value == null || value.length < HEADER + 4) {
            throw new IllegalStateException("record " + number + ": value of "
                    + (value == null ? "null" : value.length + " bytes") + " is shorter than a header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        long stored = buffer.getLong();
        long batch = buffer.getLong();
        int fillerLength = buffer.getInt();
        if (fillerLength < 0 || fillerLength != value.length - HEADER - 4) {
            throw new IllegalStateException("record " + number + ": torn value of " + value.length
                    + " bytes, filler length says " + fillerLength);
        }
        int crc = ByteBuffer.wrap(value, value.length - 4, 4).getInt();
        if (crc != crc(value, value.length - 4)) {
            throw new IllegalStateException("record " + number + ": torn value, checksum mismatch");
        }
        if (stored != number) {
            throw new IllegalStateException("record " + number + ": holds the value of record " + stored);
        }
        if (!Arrays.equals(value, value(number, batch))) {
            throw new IllegalStateException("record " + number + ": value differs from what the writer put");
        }
        return new Decoded(number, batch);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
