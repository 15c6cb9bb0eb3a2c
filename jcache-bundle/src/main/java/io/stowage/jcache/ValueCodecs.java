package io.stowage.jcache;

import java.util.List;

import io.stowage.typed.Codec;
import io.stowage.typed.Codecs;

/**
 * The typed-data codecs a cache writes its keys and values with: a built-in codec for the types that have one, Java
 * serialization (under the allow-list) for the rest. Each is picked by the value's exact class, and found again by
 * the id stored with the value.
 */
final class ValueCodecs {

    private final List<Codec<?>> builtIn = List.of(Codecs.strings(), Codecs.longs(), Codecs.integers(),
            Codecs.uuids(), Codecs.instants(), Codecs.bytes());
    private final SerializationCodec serialization;

    ValueCodecs(SerializationCodec serialization) {
        this.serialization = serialization;
    }

    /** The codec that writes this value. */
    @SuppressWarnings("unchecked")
    Codec<Object> forValue(Object value) {
        Class<?> type = value.getClass();
        for (Codec<?> codec : builtIn) {
            if (codec.type() == type) {
                return (Codec<Object>) codec;
            }
        }
        return serialization;
    }

    /** The codec that wrote a value under this id, or null when none does here. */
    @SuppressWarnings("unchecked")
    Codec<Object> byId(String id) {
        for (Codec<?> codec : builtIn) {
            if (codec.id().equals(id)) {
                return (Codec<Object>) codec;
            }
        }
        return serialization.id().equals(id) ? serialization : null;
    }
}
