package io.stowage.typed.object;

import io.stowage.typed.Codec;

/**
 * The codec the typed header of every stored object names, {@code stowage-object} version 1: its payload is the
 * object's JSON envelope, passed through as bytes. Reading an object with it from a map's value, or a map's value
 * through an object session, is then a {@link io.stowage.typed.CodecMismatchException} naming both.
 */
final class ObjectPayloadCodec implements Codec<byte[]> {

    static final ObjectPayloadCodec INSTANCE = new ObjectPayloadCodec();

    @Override
    public String id() {
        return "stowage-object";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Class<byte[]> type() {
        return byte[].class;
    }

    @Override
    public boolean preservesOrder() {
        return false;
    }

    @Override
    public byte[] encode(byte[] value) {
        return value;
    }

    @Override
    public byte[] decode(byte[] bytes) {
        return bytes;
    }

    @Override
    public String toKey(byte[] value) {
        throw new UnsupportedOperationException("a stored object is never a key");
    }

    @Override
    public byte[] fromKey(String key) {
        throw new UnsupportedOperationException("a stored object is never a key");
    }
}
