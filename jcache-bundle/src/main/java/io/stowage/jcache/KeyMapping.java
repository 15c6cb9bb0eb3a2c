package io.stowage.jcache;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import io.stowage.api.Limits;
import io.stowage.typed.Codec;
import io.stowage.typed.Codecs;

/**
 * Turns cache keys into store keys and back. A key of a built-in type is readable in the store ({@code s:user:1},
 * {@code l:8000000000000001}); any other key is its serialized form in Base64. A key too long for a store key is
 * stored under the SHA-256 of its serialized form, and the serialized form rides in the entry's envelope, so it can
 * still be given back when the cache is iterated.
 *
 * <p>Keys are equal when their encodings are: for the built-in types and for ordinary serializable value classes that
 * is {@code equals}.
 */
final class KeyMapping {

    /** A store key, and the serialized cache key when the store key is a hash of it. */
    record MappedKey(String text, byte[] kept) {
    }

    /** The prefix of a store key that is the hash of its cache key, which only the entry's envelope keeps. */
    static final String HASHED = "h:";

    private static final Codec<Long> LONGS = Codecs.longs();
    private static final Codec<Integer> INTEGERS = Codecs.integers();
    private static final Codec<UUID> UUIDS = Codecs.uuids();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SerializationCodec serialization;

    KeyMapping(SerializationCodec serialization) {
        this.serialization = serialization;
    }

    MappedKey map(Object key) {
        if (key instanceof String text && fits("s:" + text)) {
            return new MappedKey("s:" + text, null);
        }
        if (key instanceof Long number) {
            return new MappedKey("l:" + LONGS.toKey(number), null);
        }
        if (key instanceof Integer number) {
            return new MappedKey("i:" + INTEGERS.toKey(number), null);
        }
        if (key instanceof UUID id) {
            return new MappedKey("u:" + UUIDS.toKey(id), null);
        }
        byte[] serialized = serialization.encode(key);
        String inline = "j:" + BASE64.encodeToString(serialized);
        if (inline.length() <= Limits.MAX_KEY_BYTES) {
            return new MappedKey(inline, null);
        }
        return new MappedKey(HASHED + BASE64.encodeToString(Hashes.sha256(serialized)), serialized);
    }

    /** The cache key of a store key; {@code kept} is the envelope's serialized key for a hashed one. */
    Object unmap(String text, byte[] kept) {
        String body = text.substring(2);
        return switch (text.charAt(0)) {
            case 's' -> body;
            case 'l' -> LONGS.fromKey(body);
            case 'i' -> INTEGERS.fromKey(body);
            case 'u' -> UUIDS.fromKey(body);
            case 'j' -> serialization.fromKey(body);
            case 'h' -> serialization.decode(kept);
            default -> throw new IllegalArgumentException("store key '" + text + "' was not written by a cache");
        };
    }

    /** Whether the text is a store key: short enough, and UTF-8 (no lone surrogate). */
    private static boolean fits(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return utf8.length <= Limits.MAX_KEY_BYTES && new String(utf8, StandardCharsets.UTF_8).equals(text);
    }

}
