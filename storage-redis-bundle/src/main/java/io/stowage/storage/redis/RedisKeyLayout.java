package io.stowage.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a backend key lives in Redis. The kernel's backend keys are {@code namespace 0x00 store 0x00 key}; every
 * key with the same {@linkplain #group group} (namespace and store) shares one hash tag, so a store's data and its
 * index sit in one hash slot and one Lua script can reach them all, on a single server or on Redis Cluster.
 *
 * <pre>
 * prefix {tag}d backendKey   the value (the kernel's envelope), with Redis's own expiry
 * prefix {tag}i              sorted set, every member a backend key of the group, all at score 0 (ZRANGEBYLEX)
 * prefix {stowage}c          sorted set of the groups that ever held a key, for scans across stores
 * </pre>
 *
 * The tag is the 64-bit FNV-1a hash of the group in hex: stable across processes and versions, never holding a
 * brace, and two groups that share a tag merely share a slot. Keys with fewer than two {@code 0x00} bytes (the
 * kernel's metadata) form the one group with an empty name, which the catalog does not list.
 */
final class RedisKeyLayout {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_LENGTH = 1 + 16 + 1;

    private final byte[] prefix;
    private final byte[] catalog;

    RedisKeyLayout(String keyPrefix) {
        this.prefix = keyPrefix.getBytes(StandardCharsets.UTF_8);
        this.catalog = concat(prefix, "{stowage}c".getBytes(StandardCharsets.US_ASCII));
    }

    /** The group of a backend key: up to and including its second 0x00, or empty when it has fewer. */
    static byte[] group(byte[] key) {
        int first = indexOfZero(key, 0);
        int second = first < 0 ? -1 : indexOfZero(key, first + 1);
        return second < 0 ? new byte[0] : Arrays.copyOf(key, second + 1);
    }

    /** Whether the key belongs to the given group. */
    static boolean inGroup(byte[] key, byte[] group) {
        return group.length == 0 ? group(key).length == 0
                : key.length >= group.length && Arrays.equals(key, 0, group.length, group, 0, group.length);
    }

    byte[] dataKey(byte[] key) {
        return dataKey(group(key), key);
    }

    /** The data key of a key known to be in {@code group}: saves finding the group again. */
    byte[] dataKey(byte[] group, byte[] key) {
        byte[] tagged = tagged(group, 1 + key.length);
        tagged[prefix.length + TAG_LENGTH] = 'd';
        System.arraycopy(key, 0, tagged, prefix.length + TAG_LENGTH + 1, key.length);
        return tagged;
    }

    /** The data keys of the keys, in order; keys of one store (a batch's) find their tag once. */
    byte[][] dataKeys(java.util.List<byte[]> keys) {
        byte[][] dataKeys = new byte[keys.size()][];
        byte[] group = null;
        byte[] head = null;
        for (int i = 0; i < dataKeys.length; i++) {
            byte[] key = keys.get(i);
            if (group == null || !inGroup(key, group)) {
                group = group(key);
                head = tagged(group, 1);
                head[head.length - 1] = 'd';
            }
            dataKeys[i] = concat(head, key);
        }
        return dataKeys;
    }

    byte[] indexKey(byte[] group) {
        byte[] tagged = tagged(group, 1);
        tagged[prefix.length + TAG_LENGTH] = 'i';
        return tagged;
    }

    byte[] catalogKey() {
        return catalog.clone();
    }

    private byte[] tagged(byte[] group, int extra) {
        byte[] out = new byte[prefix.length + TAG_LENGTH + extra];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int at = prefix.length;
        out[at++] = '{';
        long hash = fnv1a(group);
        for (int shift = 60; shift >= 0; shift -= 4) {
            out[at++] = HEX[(int) (hash >>> shift) & 0xF];
        }
        out[at] = '}';
        return out;
    }

    static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static int indexOfZero(byte[] key, int from) {
        for (int i = from; i < key.length; i++) {
            if (key[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
