package io.stowage.transform.lz4;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The step's own header: the original value's length, which the LZ4 block format needs to decompress and does not
 * carry, and its CRC32C, since a flipped bit in LZ4 literals decodes without error into other bytes.
 */
record OriginalValue(int length, int crc32c) {

    static final int HEADER_BYTES = 8;

    static OriginalValue of(byte[] value) {
        return new OriginalValue(value.length, checksum(value));
    }

    /** The header's fields, or {@code null} if it is not {@link #HEADER_BYTES} long. */
    static OriginalValue read(byte[] header) {
        if (header.length != HEADER_BYTES) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(header);
        return new OriginalValue(in.getInt(), in.getInt());
    }

    static int checksum(byte[] value) {
        CRC32C crc = new CRC32C();
        crc.update(value);
        return (int) crc.getValue();
    }

    byte[] header() {
        return ByteBuffer.allocate(HEADER_BYTES).putInt(length).putInt(crc32c).array();
    }
}
