package io.stowage.typed.object;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;

import io.stowage.typed.CodecMismatchException;

/**
 * The JSON mapping of one object store's objects: a Jackson mapper of its own, so that the serializers and types it
 * caches for the application's classes go away with the object store, never kept by a static cache (Jackson's shared
 * {@link TypeFactory#defaultInstance()} included) that would pin an updated bundle's old class loader.
 *
 * <p>Classes are resolved from the {@code Class} objects the application passes and its fields declare, so through
 * the application bundle's own class loader; a stored class name that differs from the declared type is loaded
 * through the declared type's loader. Unknown properties are ignored and missing ones read as defaults (a field
 * added or removed across versions); a renamed one maps with Jackson's {@code @JsonAlias}. Map entries are written in
 * key order, so that equal objects encode to equal bytes, which is how a session tells what changed.
 */
final class ObjectMapping {

    private final ObjectMapper mapper = JsonMapper.builder()
            .typeFactory(TypeFactory.createDefaultInstance())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addModule(new RefModule())
            .build();

    ObjectMapper mapper() {
        return mapper;
    }

    /** The object's JSON; its references go through {@code encoder}. */
    byte[] encode(Object value, RefEncoder encoder) {
        try {
            return mapper.writer().withAttribute(RefModule.ENCODER, encoder).writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // The session's own refusals (a reference it cannot store) reach the caller as thrown, not wrapped
            if (e.getCause() instanceof RuntimeException refusal) {
                throw refusal;
            }
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The object of stored JSON, its references bound to {@code session}. */
    <T> T decode(JsonNode value, Class<T> type, TransactionSession session, String where) {
        try {
            return mapper.readerFor(type).withAttribute(RefModule.SESSION, session).readValue(value);
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new CodecMismatchException(where + ": cannot read a " + type.getName() + " from its JSON: "
                    + message, e);
        }
    }

    /**
     * The class to read a stored object as: the declared type, or the stored class when it is a subtype that the
     * declared type's loader sees.
     *
     * @throws CodecMismatchException naming both classes otherwise
     */
    static <T> Class<? extends T> storedClass(String stored, Class<T> declared, String where) {
        if (declared.getName().equals(stored)) {
            return declared;
        }
        try {
            Class<?> found = Class.forName(stored, false, declared.getClassLoader());
            if (declared.isAssignableFrom(found)) {
                return found.asSubclass(declared);
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // reported below, with both names
        }
        throw new CodecMismatchException(where + ": holds a " + stored + ", read as a " + declared.getName()
                + " (a class renamed or moved is another type to the store)");
    }
}
