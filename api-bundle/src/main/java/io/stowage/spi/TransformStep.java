package io.stowage.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** A {@link ValueTransform} bound to one store chain's parameters; used by many threads at once. */
@ConsumerType
public interface TransformStep {

    /**
     * The value transformed, or {@code null} to keep it as it is (a compression that would not shrink it): a step
     * that returns {@code null} leaves no trace in the value's header.
     *
     * @param identity the value's namespace, store and key (for encryption: the data it authenticates with it)
     */
    Transformed apply(byte[] value, ValueIdentity identity);
}
