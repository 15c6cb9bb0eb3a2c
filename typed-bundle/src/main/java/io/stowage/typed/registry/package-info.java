/**
 * The {@link io.stowage.typed.CodecRegistry} service: a DS component tracking the {@link io.stowage.typed.Codec}
 * services of every bundle, and the handles it gives out, which look the codec up at each call so that none keeps a
 * codec (or its bundle's class loader) past its unregistration. Not exported; it uses only the typed API.
 */
package io.stowage.typed.registry;
