package io.stowage.kernel.index;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where an index's entries lie: inside their store's own key range, above every key of the store. A store's backend
 * key is {@code prefix key-as-UTF-8}, and UTF-8 never holds the bytes {@code 0xFE} or {@code 0xFF}, so no store key
 * reaches {@code prefix 0xFE}; an index entry is
 *
 * <pre>
 * prefix 0xFF name 0x00 escaped-index-key 0x00 0x00 store-key-as-UTF-8
 * </pre>
 *
 * where the index key's UTF-8 has each {@code 0x00} written as {@code 0x00 0x01}, which keeps index keys in unsigned
 * byte order and makes {@code 0x00 0x00} their end. Its value is an envelope of no bytes carrying the store key's
 * expiry, so that it expires with the value it was computed from (and a sweep or a backend's own TTL removes both).
 * Keeping entries inside the store's range keeps a value and its index entries in one store, which a conditional
 * write and a Redis Cluster hash slot need.
 *
 * <p>The {@code name} above is the index's <em>space</em>: its name for an index as first defined, and
 * {@code name~generation} for a changed definition built beside it ({@link #space}). Index names hold no {@code ~}
 * ({@link IndexDefinition#requireName}), so a replacement's entries never mix with its index's or another index's,
 * and every replacement space a name ever had lies in one range ({@link #replacementsStart}) that a restart clears.
 */
public final class IndexLayout {

    /** The first byte after a store prefix that no store key reaches: a store's keys end below it. */
    public static final byte STORE_KEYS_END = (byte) 0xFE;
    private static final byte INDEXES = (byte) 0xFF;
    /** Between an index's name and a replacement's generation: a character no index name holds. */
    private static final char GENERATION = '~';

    private IndexLayout() {
    }

    /** Just past the store's own keys: {@code prefix 0xFE}. */
    public static byte[] storeKeysEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length + 1);
        end[prefix.length] = STORE_KEYS_END;
        return end;
    }

    /** The space of an index's entries: its name for generation 0, else {@code name~generation}. */
    public static String space(String name, long generation) {
        return generation == 0 ? name : name + GENERATION + generation;
    }

    /** The first key of every replacement space of the name: {@code prefix 0xFF name ~}. */
    public static byte[] replacementsStart(byte[] prefix, String name) {
        byte[] start = start(prefix, name + GENERATION);
        return Arrays.copyOf(start, start.length - 1);
    }

    /** Just past every replacement space of the name: {@code prefix 0xFF name 0x7F}, '~' being {@code 0x7E}. */
    public static byte[] replacementsEnd(byte[] replacementsStart) {
        byte[] end = replacementsStart.clone();
        end[end.length - 1] = GENERATION + 1;
        return end;
    }

    /** The first key of the entries of an index space: {@code prefix 0xFF space 0x00}. */
    public static byte[] start(byte[] prefix, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] start = Arrays.copyOf(prefix, prefix.length + utf8.length + 2);
        start[prefix.length] = INDEXES;
        System.arraycopy(utf8, 0, start, prefix.length + 1, utf8.length);
        return start;
    }

    /** Just past the index's entries. */
    public static byte[] end(byte[] start) {
        byte[] end = start.clone();
        end[end.length - 1] = 0x01;
        return end;
    }

    /** The entry of {@code storeKey} (its UTF-8 bytes) under {@code indexKey}. */
    public static byte[] entry(byte[] start, String indexKey, byte[] storeKey) {
        byte[] head = keyStart(start, indexKey);
        byte[] entry = Arrays.copyOf(head, head.length + storeKey.length);
        System.arraycopy(storeKey, 0, entry, head.length, storeKey.length);
        return entry;
    }

    /** The first entry an index key can have: {@code start escaped-index-key 0x00 0x00}. */
    public static byte[] keyStart(byte[] start, String indexKey) {
        ByteArrayOutputStream out = escaped(start, indexKey);
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    /** Just past the entries of one index key. */
    public static byte[] keyEnd(byte[] keyStart) {
        byte[] end = keyStart.clone();
        end[end.length - 1] = 0x01;
        return end;
    }

    /** Where entries of index keys at or after {@code indexKey} begin (and those before it end). */
    public static byte[] bound(byte[] start, String indexKey) {
        return escaped(start, indexKey).toByteArray();
    }

    private static ByteArrayOutputStream escaped(byte[] start, String indexKey) {
        byte[] utf8 = indexKey.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(start.length + utf8.length + 8);
        out.writeBytes(start);
        for (byte b : utf8) {
            out.write(b);
            if (b == 0) {
                out.write(1);
            }
        }
        return out;
    }

    /** An entry read back: its index key and store key. */
    public record Decoded(String indexKey, String storeKey) {
    }

    /** The index key and store key of an entry of the index starting at {@code start}'s length. */
    public static Decoded decode(byte[] entry, int startLength) {
        ByteArrayOutputStream indexKey = new ByteArrayOutputStream();
        int i = startLength;
        while (i < entry.length) {
            byte b = entry[i];
            if (b == 0) {
                if (entry[i + 1] == 0) {
                    break;
                }
                i++;
            }
            indexKey.write(b);
            i++;
        }
        int storeKeyAt = i + 2;
        return new Decoded(indexKey.toString(StandardCharsets.UTF_8),
                new String(entry, storeKeyAt, entry.length - storeKeyAt, StandardCharsets.UTF_8));
    }
}
