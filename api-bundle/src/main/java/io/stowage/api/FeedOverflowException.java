package io.stowage.api;

/**
 * A change feed's explicit "you missed changes" signal: {@link #gap()} says which, and how to recover. The feed
 * stays open and goes on from {@link FeedGap#resumeFrom()}.
 *
 * @since 1.3
 */
public class FeedOverflowException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final FeedGap gap;

    public FeedOverflowException(String message, FeedGap gap) {
        super(message);
        this.gap = gap;
    }

    public FeedGap gap() {
        return gap;
    }
}
