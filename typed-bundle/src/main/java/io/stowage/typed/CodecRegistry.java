package io.stowage.typed;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The codecs that bundles register as OSGi services, found by id (the whiteboard pattern). A bundle publishes a codec
 * by registering its {@link Codec} under the {@code io.stowage.typed.Codec} interface; the typed bundle registers
 * this service and tracks them. When two services share an id, the one with the highest {@code service.ranking}
 * (then the lowest {@code service.id}) serves it.
 *
 * <p>What {@link #codec} returns is a handle, not the service: it looks the id up again at every call. So an update
 * of the codec's bundle is picked up by the maps already made with it, the old revision's classes are not kept
 * reachable by them, and while no service has the id every encode and decode throws
 * {@link CodecUnavailableException} naming it: data written with a codec that went away is an error, never garbage.
 * Nothing here uses Java serialization.
 */
@ProviderType
public interface CodecRegistry {

    /** The ids of the codec services registered now, sorted. */
    Set<String> ids();

    /**
     * A handle on the codec registered under the id, for values of the type. The id need not be registered yet: the
     * handle's {@link Codec#id()} and {@link Codec#type()} answer at once, its other methods throw
     * {@link CodecUnavailableException} while no service has the id, and {@link CodecMismatchException} when the
     * service's {@link Codec#type()} is not this type (a class from another bundle revision, say).
     *
     * @throws IllegalArgumentException if the id is empty
     */
    <T> Codec<T> codec(String id, Class<T> type);
}
