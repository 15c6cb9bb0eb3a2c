package io.stowage.transform.lz4;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * What an LZ4 block needs beside it: the original value's length, which the block format needs to decompress and
 * does not carry, and its CRC32C, since a flipped bit in LZ4 literals decodes without error into other bytes.
 *
 * <p>Format 2 writes them in front of the block, the length as an unsigned LEB128 varint (two bytes for the values
 * of a few kilobytes that compression is for) and the CRC32C in four bytes, so the step needs no header of its own.
 * Format 1 wrote both as four-byte integers in the step's header; it is still read.
 */
record OriginalValue(int length, int crc32c) {

    /** Format 1's step header: length and CRC32C, four bytes each. */
    static final int FORMAT_1_HEADER_BYTES = 8;
    private static final int CRC_BYTES = 4;
    private static final int MAX_VARINT_BYTES = 5;

    static OriginalValue of(byte[] value) {
        return new OriginalValue(value.length, checksum(value));
    }

    /** Format 1: the header's fields, or {@code null} if it is not {@link #FORMAT_1_HEADER_BYTES} long. */
    static OriginalValue fromHeader(byte[] header) {
        if (header.length != FORMAT_1_HEADER_BYTES) {
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

    /** Format 1's step header. */
    byte[] header() {
        return ByteBuffer.allocate(FORMAT_1_HEADER_BYTES).putInt(length).putInt(crc32c).array();
    }

    /** The bytes {@link #writePrefix} writes. */
    int prefixLength() {
        int bytes = 1;
        for (int rest = length >>> 7; rest != 0; rest >>>= 7) {
            bytes++;
        }
        return bytes + CRC_BYTES;
    }

    /** Format 2: writes the length and the CRC32C at the start of {@code out}; returns where the block goes. */
    int writePrefix(byte[] out) {
        int at = 0;
        int rest = length;
        while ((rest & ~0x7F) != 0) {
            out[at++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out[at++] = (byte) rest;
        out[at++] = (byte) (crc32c >>> 24);
        out[at++] = (byte) (crc32c >>> 16);
        out[at++] = (byte) (crc32c >>> 8);
        out[at++] = (byte) crc32c;
        return at;
    }

    /** Format 2's prefix at {@code offset}, and where its block starts; {@code null} if it is truncated or too long. */
    static Prefixed fromPrefix(byte[] source, int offset, int size) {
        int end = offset + size;
        int at = offset;
        long length = 0;
        for (int shift = 0; ; shift += 7) {
            if (at == end || shift == 7 * MAX_VARINT_BYTES) {
                return null;
            }
            int b = source[at++];
            length |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length > Integer.MAX_VALUE || end - at < CRC_BYTES) {
            return null;
        }
        int crc = (source[at] & 0xFF) << 24 | (source[at + 1] & 0xFF) << 16 | (source[at + 2] & 0xFF) << 8
                | (source[at + 3] & 0xFF);
        return new Prefixed(new OriginalValue((int) length, crc), at + CRC_BYTES);
    }

    /** A format 2 prefix as read, and the offset of the block after it. */
    record Prefixed(OriginalValue original, int blockOffset) {
    }
}
