package io.stowage.typed.codec;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
/**
 * Records and plain classes as JSON through Jackson, with id {@code json:<class name>}.
 *
 * <p>Each codec has an ObjectMapper of its own: Jackson caches serializers and types per mapper, and a mapper shared
 * by bundles would keep an updated bundle's old classes reachable (hazelcast#5761, ehcache3#469). For the same
 * reason its TypeFactory is a fresh one ({@link TypeFactory#createDefaultInstance()}), not Jackson's static default
 * whose type cache all mappers share, and it resolves class names (nested, polymorphic types) through the class
 * loader of {@link #type()}, the loader of the bundle that asked for the codec, never the thread's context loader.
 *
 * <p>Unknown properties are ignored, so data with a field the class no longer has reads; a property missing from the
 * data reads as the field's default (null, 0, false). Polymorphism is only what the classes declare with Jackson's
 * annotations: no default typing, and never Java serialization. The key text is the compact JSON, which preserves no
 * order.
 */
public final class JsonCodec<T> extends BuiltInCodec<T> {

    private final Class<T> type;
    private final ObjectMapper mapper;

    public JsonCodec(Class<T> type) {
        super("json:" + type.getName(), type, false);
        this.type = type;
        ClassLoader loader = type.getClassLoader();
        TypeFactory types = TypeFactory.createDefaultInstance();
        // A class of the JDK has no loader of its own (null): Jackson's own resolution then applies
        this.mapper = JsonMapper.builder()
                .typeFactory(loader == null ? types : types.withClassLoader(loader))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Override
    public byte[] encode(T value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + type.getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a " + type.getName() + " from this JSON: "
                    + originalMessage(e), e);
        }
    }

    @Override
    public String toKey(T value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + type.getName() + " as a JSON key: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T fromKey(String key) {
        try {
            return mapper.readValue(key, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("key '" + key + "' is not the JSON of a " + type.getName() + ": "
                    + originalMessage(e), e);
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }
}
