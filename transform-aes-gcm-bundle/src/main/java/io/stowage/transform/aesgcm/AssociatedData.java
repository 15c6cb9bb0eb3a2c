package io.stowage.transform.aesgcm;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;

import io.stowage.spi.ValueIdentity;

/**
 * The data AES-GCM authenticates with a value: its namespace, store and key, each as UTF-8 with its length first (a
 * big-endian int), so that no two identities give the same bytes. The stored format depends on these bytes: they
 * never change.
 *
 * <p>The namespace and store part of the store seen last is kept and reused while values of that store come, as
 * they mostly do in a row: building the whole array for every value was a measurable part of a small value's
 * encryption (issue 18).
 */
final class AssociatedData {

    private static final int LENGTH_BYTES = 4;

    /** The namespace and store part of one store's associated data; immutable, so threads may share it racily. */
    private record StorePart(String namespace, String store, byte[] bytes) {
    }

    private volatile StorePart last;

    /** The associated data of a value of this identity. */
    byte[] of(ValueIdentity identity) {
        StorePart part = last;
        if (part == null || !part.store().equals(identity.store()) || !part.namespace().equals(identity.namespace())) {
            part = new StorePart(identity.namespace(), identity.store(),
                    storePart(identity.namespace(), identity.store()));
            last = part;
        }
        String key = identity.key();
        if (!isAscii(key)) {
            byte[] utf8 = key.getBytes(UTF_8);
            return ByteBuffer.allocate(part.bytes().length + LENGTH_BYTES + utf8.length).put(part.bytes())
                    .putInt(utf8.length).put(utf8).array();
        }
        byte[] out = new byte[part.bytes().length + LENGTH_BYTES + key.length()];
        System.arraycopy(part.bytes(), 0, out, 0, part.bytes().length);
        putAscii(out, part.bytes().length, key);
        return out;
    }

    /** The associated data of one value, computed afresh: what {@link #of} must give. */
    static byte[] computed(ValueIdentity identity) {
        byte[] key = identity.key().getBytes(UTF_8);
        byte[] storePart = storePart(identity.namespace(), identity.store());
        return ByteBuffer.allocate(storePart.length + LENGTH_BYTES + key.length).put(storePart).putInt(key.length)
                .put(key).array();
    }

    private static byte[] storePart(String namespace, String store) {
        byte[] ns = namespace.getBytes(UTF_8);
        byte[] st = store.getBytes(UTF_8);
        return ByteBuffer.allocate(2 * LENGTH_BYTES + ns.length + st.length).putInt(ns.length).put(ns)
                .putInt(st.length).put(st).array();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The length as a big-endian int, then the characters, one byte each. */
    private static void putAscii(byte[] out, int at, String text) {
        int length = text.length();
        out[at] = (byte) (length >>> 24);
        out[at + 1] = (byte) (length >>> 16);
        out[at + 2] = (byte) (length >>> 8);
        out[at + 3] = (byte) length;
        at += LENGTH_BYTES;
        for (int i = 0; i < length; i++) {
            out[at++] = (byte) text.charAt(i);
        }
    }
}
