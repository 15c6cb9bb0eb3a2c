/**
 * The storage extension SPI: what a backend bundle implements so that the Stowage kernel can keep stores in it.
 *
 * <p>A backend is a Declarative Services factory component ({@code factory = }{@link
 * io.stowage.spi.BackendFactory#FACTORY}) implementing {@link io.stowage.spi.StorageBackend}. The kernel creates one
 * instance per backend configuration and disposes of it when it is no longer needed; the component's
 * {@code @Deactivate} frees everything the instance held. A backend that can copy its files while it serves also
 * implements {@link io.stowage.spi.HotCopy} (since 1.1). A backend that can show a stored value in place, without
 * copying it out first, overrides {@link io.stowage.spi.StorageBackend#get(byte[], io.stowage.spi.ValueReader)}
 * (since 1.2). {@link io.stowage.spi.StoreKeys} tells how the kernel's keys group into stores (since 1.2). A backend that checks conditions and writes in one atomic step implements
 * {@link io.stowage.spi.StorageBackend#writeIf} and declares {@link io.stowage.spi.Capability#CONDITIONAL_WRITE}, which
 * transactions need (since 1.3). A backend that holds a bounded number of keys says how many in
 * {@link io.stowage.spi.StorageBackend#maxKeys()}, so that the kernel keeps to it while it holds the entries of a
 * restarting volatile instance (since 1.4). A value-transform extension (compression, encryption) is a
 * {@link io.stowage.spi.ValueTransform} service that store routes chain (since 1.5); it may decode a range of an array
 * without a copy (since 1.6). An index extension is a {@link io.stowage.spi.IndexFunction} service that computes the
 * index keys of a store's values for the store's secondary indexes (since 1.7). A transform step may hand over its
 * data as the start of a larger buffer, which spares it a copy ({@link io.stowage.spi.Transformed#length()}, since
 * 1.8). A backend that records every write of a store in a stream that other processes can follow declares
 * {@link io.stowage.spi.Capability#CHANGE_STREAM} and implements {@link io.stowage.spi.StorageBackend#changesAfter}
 * with its companions (since 1.8).
 */
@Export
@Version("1.8.0")
package io.stowage.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
