package io.stowage.spi;

import java.util.Collection;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An {@link IndexFunction} bound to one index's parameters: the index keys of a value. It is called on the writing
 * thread for every value written to the store (and for the value a write replaces), so it must be fast, free of side
 * effects, and give the same keys for the same value every time.
 *
 * @since 1.7
 */
@ConsumerType
@FunctionalInterface
public interface IndexKeys {

    /**
     * The index keys of the value stored under {@code key}: none when the value has nothing to index (the field is
     * missing, say). Keys are non-empty strings of at most {@value io.stowage.api.Limits#MAX_KEY_BYTES} UTF-8 bytes;
     * duplicates count once.
     */
    Collection<String> keys(String key, byte[] value);
}
