package io.stowage.itest;

import java.time.Duration;

import io.stowage.api.ChangeFeed;
import io.stowage.api.FeedOverflowException;
import io.stowage.api.StoreClosedException;

/** A thread reading a pull feed into a {@link ChangeHistory} at its own pace, until the feed closes. */
final class FeedReader implements AutoCloseable {

    private final ChangeFeed feed;
    private final ChangeHistory received = new ChangeHistory();
    private final Thread thread;

    FeedReader(ChangeFeed feed, String name) {
        this.feed = feed;
        this.thread = new Thread(this::read, "feed-reader-" + name);
        thread.start();
    }

    private void read() {
        while (true) {
            try {
                feed.poll(1_000, Duration.ofMillis(100)).forEach(received::received);
            } catch (FeedOverflowException e) {
                received.missed(e.gap());
            } catch (StoreClosedException closed) {
                return;
            } catch (InterruptedException e) {
                received.failed("interrupted while polling " + feed);
                return;
            } catch (RuntimeException e) {
                received.failed("poll of " + feed + ": " + e);
                return;
            }
        }
    }

    ChangeHistory received() {
        return received;
    }

    /** Closes the feed, which ends the thread's next poll. */
    @Override
    public void close() throws InterruptedException {
        feed.close();
        thread.join(10_000);
    }
}
