package io.stowage.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Entry point of the consumer API: the stores of the calling bundle's namespace.
 *
 * <p>The service is bundle-scoped: the namespace is the symbolic name of the bundle that got the service, so a
 * caller can only ever reach its own stores. This guards against mistakes and misuse of the API, not against
 * hostile code running in the same JVM.
 */
@ProviderType
public interface StorageService {

    /** The namespace every store of this service lives in: the using bundle's symbolic name. */
    String namespace();

    /**
     * A handle on the named store, created on first use with the store's configured (or the default) routing.
     * Handles are stable: they survive their backend going away and coming back.
     *
     * @param name 1 to {@value Limits#MAX_STORE_NAME_LENGTH} characters of {@code [A-Za-z0-9._-]}, starting with a
     *             letter or digit
     * @throws InvalidStoreNameException if the name is malformed
     */
    Store store(String name);

    /** Names of the stores of this namespace that hold at least one key, in ascending order. */
    List<String> storeNames();
}
