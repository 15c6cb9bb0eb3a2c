/**
 * The built-in codecs behind {@link io.stowage.typed.Codecs}, and the header the typed layer writes before every
 * value ({@link io.stowage.typed.codec.ValueHeader}). Not exported: bundles get codecs through
 * {@code Codecs}' factories and see only {@link io.stowage.typed.Codec}.
 */
package io.stowage.typed.codec;
