/**
 * The {@code json} index function: index keys from a field of JSON values, picked by JSON Pointer. It exports
 * nothing; the kernel finds it as an {@link io.stowage.spi.IndexFunction} service.
 */
package io.stowage.index.json;
