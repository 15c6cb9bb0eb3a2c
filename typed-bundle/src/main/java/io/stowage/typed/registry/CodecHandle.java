package io.stowage.typed.registry;

import io.stowage.typed.Codec;
import io.stowage.typed.CodecMismatchException;
import io.stowage.typed.CodecUnavailableException;

/**
 * A codec that is whichever service serves its id at each call. It keeps the id, the caller's type and the table,
 * never a service object, so the codec's bundle can be updated or uninstalled under the maps that use it: they then
 * use the new revision, or fail with {@link CodecUnavailableException} naming the id.
 */
final class CodecHandle<T> implements Codec<T> {

    private final RegisteredCodecs codecs;
    private final String id;
    private final Class<T> type;

    CodecHandle(RegisteredCodecs codecs, String id, Class<T> type) {
        this.codecs = codecs;
        this.id = id;
        this.type = type;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public int version() {
        return live().version();
    }

    @Override
    public boolean accepts(int writtenVersion) {
        return live().accepts(writtenVersion);
    }

    @Override
    public boolean preservesOrder() {
        return live().preservesOrder();
    }

    @Override
    public byte[] encode(T value) {
        return live().encode(value);
    }

    @Override
    public T decode(byte[] bytes) {
        return type.cast(live().decode(bytes));
    }

    @Override
    public String toKey(T value) {
        return live().toKey(value);
    }

    @Override
    public T fromKey(String key) {
        return type.cast(live().fromKey(key));
    }

    @Override
    public String toString() {
        return "codec service '" + id + "' for " + type.getName();
    }

    @SuppressWarnings("unchecked") // the type was checked against the service's own
    private Codec<T> live() {
        RegisteredCodecs.Registration registration = codecs.serving(id);
        if (registration == null) {
            throw new CodecUnavailableException("codec '" + id + "' (for " + type.getName() + ") is not registered:"
                    + " no Codec service has this id now (its bundle was stopped, updated or uninstalled, or has not"
                    + " started); registered: " + codecs.ids());
        }
        Class<?> served = registration.codec().type();
        if (served != type) {
            throw new CodecMismatchException("codec " + registration.describe() + " is for " + served.getName()
                    + " of " + served.getClassLoader() + ", asked for " + type.getName() + " of "
                    + type.getClassLoader() + ": refresh the bundles that use it after updating the codec's bundle");
        }
        return (Codec<T>) registration.codec();
    }
}
