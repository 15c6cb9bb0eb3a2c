package io.stowage.typed.codec;

/** Checks the fixed-size payloads of the built-in codecs, so a wrong size is a clear error and not a wrong value. */
final class Payloads {

    private Payloads() {
    }

    static void requireLength(byte[] bytes, int length, String codecId) {
        if (bytes.length != length) {
            throw new IllegalArgumentException("a '" + codecId + "' payload is " + length + " bytes, not "
                    + bytes.length);
        }
    }
}
