package io.stowage.api;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The committed changes of one store's keys that match a glob, in commit order, read at the consumer's pace
 * ({@link Store#watch}). The kernel keeps a bounded log of each watched store's changes; a consumer that falls
 * further behind than it holds gets a {@link FeedOverflowException} once, never a silent loss, and writers never
 * wait for a consumer.
 *
 * @since 1.3
 */
@ProviderType
public interface ChangeFeed extends AutoCloseable {

    /** As {@code fromPosition} of {@link Store#watch}: only changes committed after the feed opened. */
    long NOW = -1;

    /**
     * The next changes, at most {@code max}, waiting up to {@code wait} for the first; an empty list if none came.
     *
     * @throws FeedOverflowException once, when changes were lost to this feed; the next call goes on after the gap
     * @throws StoreClosedException after {@link #close()}, or when the store's handle was closed
     */
    List<StoreEvent> poll(int max, Duration wait) throws InterruptedException;

    /** The position the next change delivered will have at least: where to resume from after a restart. */
    long nextPosition();

    /** Stops the feed; the store's log is released when no feed or listener watches the store. */
    @Override
    void close();
}
