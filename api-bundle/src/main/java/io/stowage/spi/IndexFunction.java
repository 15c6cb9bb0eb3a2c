package io.stowage.spi;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An index extension: an OSGi service of this interface, registered by a DS component of the extension's bundle,
 * with the service property {@link #TYPE} equal to {@link #type()}.
 *
 * <p>An index of a store names a type and its parameters, e.g. {@code json(pointer=/email)}. The kernel
 * {@linkplain #bind binds} the function to them and computes the index keys of every value written to the store, in
 * the same atomic write as the value. While several versions of a type are registered, the kernel uses the highest;
 * while none is, writes to stores indexed by the type and lookups on such indexes wait the operation timeout for one
 * and then fail with {@link io.stowage.api.IndexUnavailableException}. A function must give the same keys for the
 * same value and parameters in every version, or the indexes it keeps must be rebuilt (dropped and created again).
 *
 * @since 1.7
 */
@ConsumerType
public interface IndexFunction {

    /** Service property: the function's type, as {@link #type()} returns it. */
    String TYPE = "stowage.index.type";

    /** The type: 1 to 32 characters, lower-case ASCII letters, digits and dashes, such as {@code json}. */
    String type();

    /**
     * This function bound to the parameters an index gives it.
     *
     * @throws IllegalArgumentException naming the parameter, when one is missing or unknown or its value not valid
     */
    IndexKeys bind(Map<String, String> parameters);
}
