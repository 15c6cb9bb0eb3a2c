/**
 * The Stowage consumer API: named key-value stores in the calling bundle's own namespace.
 *
 * <p>Get a {@link io.stowage.api.StorageService} from the service registry; it is bundle-scoped, so the namespace
 * it serves is the calling bundle's symbolic name and no argument can name another one.
 *
 * <p>Since 1.1 a store runs serializable transactions ({@link io.stowage.api.Store#transact}).
 */
@Export
@Version("1.1.0")
package io.stowage.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
