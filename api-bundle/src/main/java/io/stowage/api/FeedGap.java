package io.stowage.api;

/**
 * Changes a feed or a listener did not get: it fell further behind than the store's change log or its own queue
 * holds, or asked to resume from a position the log no longer has. The changes from {@code missedFrom} up to (not
 * including) {@code resumeFrom} are gone for it. Recover by reading the store again (a scan of what matters), then
 * go on with the changes from {@code resumeFrom}, which the feed or listener delivers next: applying them over the
 * scan gives the current state, since each is a whole value or a delete.
 *
 * @param store      the store's name
 * @param missedFrom the first position not delivered
 * @param resumeFrom the position delivered next
 * @since 1.3
 */
public record FeedGap(String store, long missedFrom, long resumeFrom) {
}
