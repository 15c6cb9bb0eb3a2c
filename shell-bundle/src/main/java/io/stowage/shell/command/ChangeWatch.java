package io.stowage.shell.command;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.ChangeFeed;
import io.stowage.api.FeedGap;
import io.stowage.api.FeedOverflowException;
import io.stowage.api.Store;
import io.stowage.api.StoreEvent;

/**
 * {@code stowage:watch} for either shell: follows a store's committed changes through a change feed, a line per
 * change as it comes, until a count is reached, the store is quiet for a while, or the shell interrupts the command
 * (Ctrl-C). A gap in the feed is a line saying what was missed, and the watch goes on.
 */
public final class ChangeWatch {

    /** How long one poll waits when no --timeout bounds it: short, so that a closed store ends the watch soon. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** The most changes one poll takes. */
    private static final int BATCH = 1_000;

    private final StowageAdmin admin;

    public ChangeWatch(StowageAdmin admin) {
        this.admin = admin;
    }

    /**
     * Prints the store's changes to {@code out} and returns a closing line with the position to resume from.
     *
     * @param glob    the keys to follow, or null for every key
     * @param from    a position a previous watch gave, or null for the changes from now on
     * @param count   how many changes to print before ending, or null for no limit
     * @param timeout how long the store may be quiet before the watch ends (e.g. 10s), or null for no limit
     */
    public String watch(String store, String glob, boolean values, String from, String count, String timeout,
            Consumer<String> out) {
        long limit = count == null ? Long.MAX_VALUE : parseCount(count);
        Duration quiet = timeout == null ? null : ShellText.parseDuration(timeout);
        long start = from == null ? ChangeFeed.NOW : parsePosition(from);
        StoreId id = StoreId.parse(store);
        try (Store target = admin.openStore(id);
                ChangeFeed feed = target.watch(glob == null ? "*" : glob, start, values)) {
            long printed = 0;
            String ending = "interrupted";
            try {
                long quietSince = System.nanoTime();
                while (printed < limit) {
                    if (quiet != null && System.nanoTime() - quietSince >= quiet.toNanos()) {
                        ending = "no change for " + timeout;
                        break;
                    }
                    List<StoreEvent> events = poll(feed, (int) Math.min(BATCH, limit - printed),
                            quiet == null ? POLL : quiet.minusNanos(System.nanoTime() - quietSince), id, out);
                    if (events == null || !events.isEmpty()) {
                        quietSince = System.nanoTime();
                    }
                    for (StoreEvent event : events == null ? List.<StoreEvent>of() : events) {
                        out.accept(line(event));
                        printed++;
                    }
                }
                if (printed >= limit) {
                    ending = printed + (printed == 1 ? " change" : " changes");
                }
            } catch (InterruptedException e) {
                // Ctrl-C is how an operator ends a watch without --count or --timeout: a normal end
                Thread.currentThread().interrupt();
            }
            return "watched " + id.label() + " (" + ending + "); --from " + feed.nextPosition()
                    + " goes on after the last change shown";
        }
    }

    /** The next changes, or null after printing the gap the feed signalled. */
    private static List<StoreEvent> poll(ChangeFeed feed, int max, Duration wait, StoreId id, Consumer<String> out)
            throws InterruptedException {
        try {
            return feed.poll(max, wait.isNegative() ? Duration.ZERO : wait);
        } catch (FeedOverflowException e) {
            out.accept(gapLine(id, e.gap()));
            return null;
        }
    }

    /** {@code 1042 PUT user:7 = Ada}: position, kind, key, and the value if the feed carries values. */
    static String line(StoreEvent event) {
        byte[] value = event.value();
        return event.position() + " " + event.kind() + " " + event.key()
                + (value == null ? "" : " = " + ShellText.render(value));
    }

    static String gapLine(StoreId id, FeedGap gap) {
        return "missed the changes from position " + gap.missedFrom() + " to " + gap.resumeFrom()
                + " (the change log no longer holds them): read the store again (stowage:scan " + id.label()
                + "); changes go on from " + gap.resumeFrom();
    }

    private static long parseCount(String text) {
        try {
            long count = Long.parseLong(text.trim());
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new CommandFailure("--count must be a whole number from 1, not '" + text + "'");
    }

    private static long parsePosition(String text) {
        try {
            long position = Long.parseLong(text.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new CommandFailure("--from must be a position a watch printed (a whole number from 0), not '" + text
                + "'");
    }
}
