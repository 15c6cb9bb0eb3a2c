/**
 * Typed data over the Store API: {@link io.stowage.typed.Codec}s that turn values and keys into bytes and key text,
 * {@link io.stowage.typed.PersistentMap}s that show a store as a {@link java.util.concurrent.ConcurrentMap} (a
 * {@link java.util.NavigableMap} too when the key codec preserves order), and, since 1.1,
 * {@link io.stowage.typed.ObjectStore}s that keep a graph of records and plain objects linked by lazy
 * {@link io.stowage.typed.Ref}s, committed by {@link io.stowage.typed.ObjectSession}s and collected by
 * {@link io.stowage.typed.ObjectStores#collectGarbage}.
 *
 * <p>Values are stored behind a short header naming the codec and its version, so data read with another codec is a
 * {@link io.stowage.typed.CodecMismatchException}, never garbage. Nothing here uses Java serialization, and the JSON
 * codec resolves classes through the class loader of the type it was made for, never the thread's context loader.
 * Nothing here keeps a class of the application in a static field or cache: each JSON codec and each object store
 * has its own Jackson mapper, which goes away with it, so an updated bundle's old class loader is not pinned.
 */
@Export
@Version("1.1.0")
package io.stowage.typed;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
