/**
 * Typed data over the Store API: {@link io.stowage.typed.Codec}s that turn values and keys into bytes and key text,
 * and {@link io.stowage.typed.PersistentMap}s that show a store as a {@link java.util.concurrent.ConcurrentMap} (a
 * {@link java.util.NavigableMap} too when the key codec preserves order).
 *
 * <p>Values are stored behind a short header naming the codec and its version, so data read with another codec is a
 * {@link io.stowage.typed.CodecMismatchException}, never garbage. Nothing here uses Java serialization, and the JSON
 * codec resolves classes through the class loader of the type it was made for, never the thread's context loader.
 */
@Export
@Version("1.1.0")
package io.stowage.typed;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
