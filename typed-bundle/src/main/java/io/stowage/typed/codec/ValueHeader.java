package io.stowage.typed.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.stowage.typed.Codec;
import io.stowage.typed.CodecMismatchException;
import io.stowage.typed.CodecUnavailableException;

/**
 * The header the typed layer writes before every value, so that stored bytes say which codec wrote them:
 *
 * <pre>
 * format (1 byte, 0xF5)   id length (1 byte)   id (UTF-8)   version (4 bytes, big-endian)   payload
 * </pre>
 *
 * <p>0xF5 never occurs in UTF-8, so text stored without the header (a raw string, JSON) is never taken for one; the
 * id check catches what else begins with it.
 *
 * <p>It is a wire format, documented in docs/typed-data.md: other bundles read it without this one (the JSON index
 * function indexes the payload after it), so a change to it is a change of format, not of this class.
 */
public final class ValueHeader {

    static final byte FORMAT = (byte) 0xF5;
    private static final int MAX_ID_BYTES = 255;

    private ValueHeader() {
    }

    /** The id's UTF-8 bytes, checked once when a map is made so a bad id fails early. */
    public static byte[] idBytes(Codec<?> codec) {
        byte[] id = codec.id().getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("codec id '" + codec.id() + "' is " + id.length
                    + " UTF-8 bytes: it must be 1 to " + MAX_ID_BYTES);
        }
        return id;
    }

    /** The header and payload of the value. */
    public static <T> byte[] wrap(Codec<T> codec, byte[] idBytes, T value) {
        byte[] payload = codec.encode(value);
        return ByteBuffer.allocate(2 + idBytes.length + 4 + payload.length)
                .put(FORMAT).put((byte) idBytes.length).put(idBytes).putInt(codec.version()).put(payload)
                .array();
    }

    /**
     * The value the stored bytes hold, decoded by {@code codec}.
     *
     * @param where what the bytes are, for messages ({@code "store ns/s, key 'k'"})
     * @throws CodecMismatchException    if another codec or version wrote them, they have no header, or the codec
     *                                   cannot decode the payload
     * @throws CodecUnavailableException if the codec is a registry's handle whose service is not registered now
     */
    public static <T> T unwrap(Codec<T> codec, byte[] idBytes, byte[] stored, String where) {
        if (stored.length < 6 || stored[0] != FORMAT || stored.length < 6 + (stored[1] & 0xFF)) {
            throw new CodecMismatchException(where + ": the value has no typed header (written without a codec, "
                    + stored.length + " bytes); codec " + describe(codec) + " cannot read it");
        }
        int idLength = stored[1] & 0xFF;
        ByteBuffer buffer = ByteBuffer.wrap(stored, 2 + idLength, 4);
        int version = buffer.getInt();
        if (!matches(idBytes, stored, idLength) || !accepts(codec, version, where)) {
            String writer = new String(stored, 2, idLength, StandardCharsets.UTF_8);
            throw new CodecMismatchException(where + ": written by codec '" + writer + "' version " + version
                    + ", read with codec " + describe(codec));
        }
        byte[] payload = new byte[stored.length - 6 - idLength];
        System.arraycopy(stored, 6 + idLength, payload, 0, payload.length);
        try {
            return codec.decode(payload);
        } catch (CodecUnavailableException e) {
            throw unavailable(where, e);
        } catch (RuntimeException e) {
            throw new CodecMismatchException(where + ": codec " + describe(codec) + " cannot decode the value: "
                    + e.getMessage(), e);
        }
    }

    private static boolean accepts(Codec<?> codec, int version, String where) {
        try {
            return codec.accepts(version);
        } catch (CodecUnavailableException e) {
            throw unavailable(where, e);
        }
    }

    /** A codec service that went away (CodecRegistry's handles), with the store and key it was to read. */
    private static CodecUnavailableException unavailable(String where, CodecUnavailableException e) {
        return new CodecUnavailableException(where + ": " + e.getMessage(), e);
    }

    private static boolean matches(byte[] idBytes, byte[] stored, int idLength) {
        return idLength == idBytes.length
                && java.util.Arrays.equals(idBytes, 0, idLength, stored, 2, 2 + idLength);
    }

    private static String describe(Codec<?> codec) {
        return "'" + codec.id() + "' version " + codec.version();
    }
}
