package io.stowage.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.stowage.spi.BackendChange;
import io.stowage.spi.StoreKeys;

/**
 * Reads the stores' change streams of one Redis backend instance for the SPI's {@code changesAfter},
 * {@code latestChanges} and {@code lastDroppedChange}; the writes to them are in the backend's write scripts.
 */
final class RedisChangeReader {

    /** Runs a read script through the backend, which translates its failures. */
    interface Reads {
        List<Object> run(Function<RedisLink, List<Object>> command);
    }

    private final String backendName;
    private final int streamLength;
    private final RedisKeyLayout layout;
    private final Reads reads;

    RedisChangeReader(String backendName, int streamLength, RedisKeyLayout layout, Reads reads) {
        this.backendName = backendName;
        this.streamLength = streamLength;
        this.layout = layout;
        this.reads = reads;
    }

    /**
     * XRANGE from just after the position (which is {@code ms * 1_000_000 + seq} of the entry id {@code ms-seq}).
     * Without BLOCK: a blocking XREAD would hold a pooled Jedis connection, or Lettuce's one shared connection, for
     * the whole wait; so waiting is polling, every few milliseconds at first and every 50 ms at most.
     */
    List<BackendChange> changesAfter(byte[] storePrefix, long afterPosition, int limit, long waitMillis) {
        byte[] stream = streamOf(storePrefix);
        byte[] start = RedisChanges.idAfter(afterPosition);
        byte[] count = Integer.toString(Math.max(1, limit)).getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        long pause = 2;
        while (true) {
            List<BackendChange> changes = RedisChanges.parse(reads.run(
                    c -> c.evalList(RedisScript.READ, new byte[][] {stream}, start, count)));
            long left = deadline - System.nanoTime();
            if (!changes.isEmpty() || left <= 0) {
                return changes;
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return changes;
            }
            pause = Math.min(50, pause * 2);
        }
    }

    List<BackendChange> latestChanges(byte[] storePrefix, int count) {
        byte[] stream = streamOf(storePrefix);
        List<BackendChange> newestFirst = RedisChanges.parse(reads.run(c -> c.evalList(RedisScript.LATEST,
                new byte[][] {stream}, Integer.toString(Math.max(1, count)).getBytes(StandardCharsets.US_ASCII))));
        List<BackendChange> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    long lastDroppedChange(byte[] storePrefix) {
        byte[] stream = streamOf(storePrefix);
        return RedisChanges.droppedPosition(reads.run(c -> c.evalList(RedisScript.DROPPED, new byte[][] {stream})));
    }

    private byte[] streamOf(byte[] storePrefix) {
        if (streamLength == 0) {
            throw new UnsupportedOperationException("Redis backend '" + backendName + "' keeps no change streams "
                    + "(changeStreamLength is 0)");
        }
        if (storePrefix.length == 0 || StoreKeys.prefixLength(storePrefix) != storePrefix.length) {
            throw new IllegalArgumentException("not a store prefix: " + HexFormat.of().formatHex(storePrefix));
        }
        return layout.streamKey(storePrefix);
    }
}
