package io.stowage.spi;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a stored value where the backend holds it, during the backend's read: what the kernel passes to
 * {@link StorageBackend#get(byte[], ValueReader)} so that a get copies the value once, from the backend's own memory
 * (a page of LMDB's map, say) into the array the kernel returns.
 *
 * <p>The kernel implements it and backends only call it, hence {@code @ProviderType}: the SPI may add methods to it
 * in a minor version without breaking a backend.
 *
 * @param <T> what the reader makes of the value
 * @since 1.2
 */
@ProviderType
@FunctionalInterface
public interface ValueReader<T> {

    /**
     * What the value comes to.
     *
     * @param value the stored value from its position to its limit, in a read-only buffer that is valid only during
     *        this call: it may be a view of the backend's own storage (on LMDB, a page of the map), which the backend
     *        may reuse or release as soon as the call returns
     */
    T read(ByteBuffer value);

    /**
     * What the value comes to, given as the array {@link StorageBackend#get(byte[])} returned: what the default
     * {@link StorageBackend#get(byte[], ValueReader)} passes, so that a backend without in-place reads costs no buffer.
     * The array may be the backend's own and must not be modified. This default reads a read-only buffer over it.
     */
    default T read(byte[] value) {
        return read(ByteBuffer.wrap(value).asReadOnlyBuffer());
    }
}
