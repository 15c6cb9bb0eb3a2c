package io.stowage.kernel.feed;

/**
 * What a write changed, told to the store's change log once the write returned {@code result}: a delete that found
 * nothing or a compare-and-set that failed records nothing. Runs under the log's lock, right after the write.
 */
@FunctionalInterface
public interface Changes<T> {

    void record(ChangeLog log, T result);
}
