package io.stowage.storage.sql;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The records of the SQLite crash test. A key is the record's number, 8 bytes big-endian (unsigned order is numeric
 * order); a value is the number, the batch it was written in ({@link #SINGLE} for a single put) and 0 to 8 KiB of
 * bytes drawn from the number, so some values fit in a page of the B-tree and some overflow it. A stored value is
 * either exactly what the writer put or detectably wrong.
 */
final class CrashRecords {

    static final long SINGLE = -1;
    static final int BATCH_SIZE = 5;

    private CrashRecords() {
    }

    static byte[] key(long number) {
        return ByteBuffer.allocate(Long.BYTES).putLong(number).array();
    }

    static long number(byte[] key) {
        if (key.length != Long.BYTES) {
            throw new IllegalStateException("a key of " + key.length + " bytes, not 8: " + Arrays.toString(key));
        }
        return ByteBuffer.wrap(key).getLong();
    }

    static byte[] value(long number, long batch) {
        SplittableRandom random = new SplittableRandom(number);
        byte[] filler = new byte[random.nextInt(8 * 1024 + 1)];
        random.nextBytes(filler);
        return ByteBuffer.allocate(2 * Long.BYTES + filler.length).putLong(number).putLong(batch).put(filler).array();
    }

    /** The batch of a stored record, after checking that its value is exactly what the writer put. */
    static long batchOf(byte[] key, byte[] value) {
        long number = number(key);
        if (value == null || value.length < 2 * Long.BYTES) {
            throw new IllegalStateException("record " + number + ": a value of "
                    + (value == null ? "null" : value.length + " bytes") + " is shorter than its header");
        }
        ByteBuffer header = ByteBuffer.wrap(value);
        long stored = header.getLong();
        long batch = header.getLong();
        if (stored != number || !Arrays.equals(value, value(number, batch))) {
            throw new IllegalStateException("record " + number + ": torn or misplaced value of " + value.length
                    + " bytes (claims record " + stored + ", batch " + batch + ")");
        }
        return batch;
    }
}
