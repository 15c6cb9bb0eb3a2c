package io.stowage.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.stowage.spi.StoreKeys;

/**
 * Where a backend key lives in Redis. Every key with the same {@linkplain #group group}, its store prefix as
 * {@link StoreKeys} defines it, shares one hash tag, so a store's data and its index sit in one hash slot and one Lua
 * script can reach them all, on a single server or on Redis Cluster.
 *
 * <pre>
 * prefix {tag}d backendKey   the value (the kernel's envelope), with Redis's own expiry
 * prefix {tag}i              sorted set, every member a backend key of the group, all at score 0 (ZRANGEBYLEX)
 * prefix {tag}s              stream of the group's changes, if the configuration keeps one (changeStreamLength)
 * prefix {stowage}c          sorted set of the groups that ever held a key, for scans across stores
 * </pre>
 *
 * The tag is the 64-bit FNV-1a hash of the group in hex: stable across processes and versions, never holding a
 * brace, and two groups that share a tag merely share a slot. The kernel's metadata keys form the one group with an
 * empty name, which the catalog does not list. Keys of the legacy layout ({@code namespace 0x00 store 0x00 key}) keep
 * the group they had, so data written before layout 2 stays where it was until the kernel upgrades it.
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

    /** The group of a backend key: its store prefix as the SPI defines it, empty for the kernel's metadata. */
    static byte[] group(byte[] key) {
        return Arrays.copyOf(key, StoreKeys.prefixLength(key));
    }

    /** Whether the key belongs to the given group. */
    static boolean inGroup(byte[] key, byte[] group) {
        return StoreKeys.prefixLength(key) == group.length && Arrays.equals(key, 0, group.length, group, 0, group.length);
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
        return groupKey(group, 'i');
    }

    /** The group's change stream: in the group's hash slot, so the script that writes a key records it there too. */
    byte[] streamKey(byte[] group) {
        return groupKey(group, 's');
    }

    /** A key of the group itself rather than of one of its keys: its tag and one letter saying what it holds. */
    private byte[] groupKey(byte[] group, char kind) {
        byte[] tagged = tagged(group, 1);
        tagged[prefix.length + TAG_LENGTH] = (byte) kind;
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

    /**
     * A ZRANGEBYLEX bound made here: it starts with '[' or '(' and the key's bytes follow literally, so keys holding
     * '-', '+', '[', ']' or '\' are never read as Redis range syntax.
     */
    static byte[] bound(char kind, byte[] key) {
        byte[] bound = new byte[key.length + 1];
        bound[0] = (byte) kind;
        System.arraycopy(key, 0, bound, 1, key.length);
        return bound;
    }

    /**
     * The first key above every key of the group: the group up to its last byte below 0xFF, that byte raised by one.
     * A group always has one (its first byte is a length or a name's character).
     */
    static byte[] groupEnd(byte[] group) {
        int last = group.length - 1;
        while (group[last] == (byte) 0xFF) {
            last--;
        }
        byte[] end = Arrays.copyOf(group, last + 1);
        end[last]++;
        return end;
    }

    static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
