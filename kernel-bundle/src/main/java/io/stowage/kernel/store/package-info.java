/**
 * The data path: a caller's {@code Store} handle ({@code KernelStore}, opened by {@code NamespaceService}), key
 * encoding ({@code KeyCodec}), the TTL envelope and value limits ({@code ValueEnvelope}), globs and names, the
 * store's route, and where it finds its backend ({@code BackendSlot}, and {@code BoundBackend}, which counts the
 * operations in flight on it). It may touch the metrics (to count traffic) and a running migration (to gate writes),
 * never the instance lifecycle or OSGi.
 */
package io.stowage.kernel.store;
