/**
 * The Stowage consumer API: named key-value stores in the calling bundle's own namespace.
 *
 * <p>Get a {@link io.stowage.api.StorageService} from the service registry; it is bundle-scoped, so the namespace
 * it serves is the calling bundle's symbolic name and no argument can name another one.
 *
 * <p>Since 1.1 a store runs serializable transactions ({@link io.stowage.api.Store#transact}). Since 1.2 a read or a
 * write can fail because of a value transform the store's values need: {@link io.stowage.api.TransformUnavailableException}
 * and {@link io.stowage.api.CorruptValueException}. Since 1.3 a store's committed changes can be followed: pulled from a
 * {@link io.stowage.api.ChangeFeed} ({@link io.stowage.api.Store#watch}) or pushed to a whiteboard
 * {@link io.stowage.api.StoreListener}. Since 1.4 a store's secondary indexes answer lookups by index key
 * ({@link io.stowage.api.Store#index}), and writes that would break one fail with
 * {@link io.stowage.api.DuplicateIndexKeyException} or {@link io.stowage.api.IndexUnavailableException}.
 */
@Export
@Version("1.4.0")
package io.stowage.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
