package io.stowage.typed;

import java.time.Duration;

/**
 * What one garbage collection of an object store did.
 *
 * @param roots          the roots it marked from
 * @param reachable      objects it found reachable (from the roots, or written while it ran)
 * @param collected      objects it deleted, each unreachable when the marking ended and untouched since
 * @param maxIdsInMemory the most object ids it held in memory at once: a page of keys plus one object's references
 * @param duration       how long it took
 */
public record GarbageCollection(long roots, long reachable, long collected, int maxIdsInMemory, Duration duration) {
}
