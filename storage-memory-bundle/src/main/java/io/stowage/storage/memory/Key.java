package io.stowage.storage.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A raw key with a cached hash, ordered by unsigned bytes, usable in both the hash index and the ordered index. */
final class Key implements Comparable<Key> {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final byte[] bytes;
    private final int hash;

    Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = hash(bytes);
    }

    /** Eight bytes a step: Arrays.hashCode costs a multiply per byte, which dominates a point read of a long key. */
    private static int hash(byte[] bytes) {
        long h = bytes.length;
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < bytes.length; i++) {
            h = (h ^ bytes[i]) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Key that && hash == that.hash && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int compareTo(Key other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }
}
