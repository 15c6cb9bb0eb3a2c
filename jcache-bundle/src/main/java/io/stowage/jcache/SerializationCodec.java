package io.stowage.jcache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.util.Base64;

import io.stowage.typed.Codec;

/**
 * Java serialization as a typed-data codec, for the values and keys no built-in codec knows. Reading resolves classes
 * through the cache manager's class loader and only lets through what the allow-list filter accepts: deserializing
 * stored bytes is where a cache gets attacked, so nothing outside the list is ever instantiated.
 */
final class SerializationCodec implements Codec<Object> {

    static final String ID = "java-serialization";

    private final ClassLoader loader;
    private final ObjectInputFilter filter;

    SerializationCodec(ClassLoader loader, ObjectInputFilter filter) {
        this.loader = loader;
        this.filter = filter;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Class<Object> type() {
        return Object.class;
    }

    @Override
    public boolean preservesOrder() {
        return false;
    }

    @Override
    public byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("a cache stores by value, and " + value.getClass().getName()
                    + " is neither Serializable nor a type with a built-in codec (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a " + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes) {
        try (ObjectInputStream in = new FilteredInput(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (InvalidClassException e) {
            // The filter's refusal: say how to allow the class
            throw new IllegalArgumentException("deserialization refused: " + e.getMessage() + "; add the class to "
                    + CacheSettings.SERIAL_ALLOW + " if it is trusted", e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot deserialize a stored value: " + e, e);
        }
    }

    @Override
    public String toKey(Object value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(encode(value));
    }

    @Override
    public Object fromKey(String key) {
        return decode(Base64.getUrlDecoder().decode(key));
    }

    /** Resolves classes through the manager's loader, under the allow-list. */
    private final class FilteredInput extends ObjectInputStream {

        FilteredInput(InputStream in) throws IOException {
            super(in);
            setObjectInputFilter(filter);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                // Primitive types and what the JDK resolves itself
                return super.resolveClass(description);
            }
        }
    }
}
