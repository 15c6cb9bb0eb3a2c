package io.stowage.index.json;

import java.nio.charset.StandardCharsets;

/**
 * The header the typed-data layer writes before every value, read from its documented wire format
 * (docs/typed-data.md, "The value header") so that this bundle needs the API only, not the typed-data bundle:
 *
 * <pre>
 * format (1 byte, 0xF5)   id length (1 byte)   codec id (UTF-8)   codec version (4 bytes, big-endian)   payload
 * </pre>
 *
 * <p>0xF5 never occurs in UTF-8, so a JSON text (which RFC 8259 says is UTF-8) never starts with it.
 *
 * @param codecId       the id of the codec that wrote the value, such as {@code json:com.acme.User} or {@code long}
 * @param codecVersion  that codec's version
 * @param payloadOffset where the codec's bytes begin
 */
record TypedHeader(String codecId, int codecVersion, int payloadOffset) {

    static final byte FORMAT = (byte) 0xF5;
    private static final int FIXED_BYTES = 6;

    /** Whether the value starts as a typed value does; {@link #read} then says whether its header is whole. */
    static boolean starts(byte[] value) {
        return value.length > 0 && value[0] == FORMAT;
    }

    /** The header of a value that {@link #starts} as a typed value, or null if it is too short to hold one. */
    static TypedHeader read(byte[] value) {
        if (value.length < FIXED_BYTES) {
            return null;
        }
        int idLength = value[1] & 0xFF;
        int payloadOffset = FIXED_BYTES + idLength;
        if (idLength == 0 || value.length < payloadOffset) {
            return null;
        }
        int at = 2 + idLength;
        int version = (value[at] & 0xFF) << 24 | (value[at + 1] & 0xFF) << 16 | (value[at + 2] & 0xFF) << 8
                | value[at + 3] & 0xFF;
        return new TypedHeader(new String(value, 2, idLength, StandardCharsets.UTF_8), version, payloadOffset);
    }
}
