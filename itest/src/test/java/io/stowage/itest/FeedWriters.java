package io.stowage.itest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.stowage.api.Store;

/**
 * Two writer threads, each with keys of its own ({@code w0-*}, {@code w1-*}) in every store: puts of increasing
 * versions and some deletes of keys they put, each recorded in {@link #acknowledged()} once the store returned.
 */
final class FeedWriters implements AutoCloseable {

    private static final int KEYS_PER_WRITER = 40;

    private final List<Store> stores;
    private final ChangeHistory acknowledged = new ChangeHistory();
    private final AtomicLong completed = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    FeedWriters(List<Store> stores) {
        this.stores = List.copyOf(stores);
        for (int writer = 0; writer < 2; writer++) {
            int id = writer;
            Thread thread = new Thread(() -> write(id), "feed-writer-" + id);
            threads.add(thread);
            thread.start();
        }
    }

    static boolean isWriterKey(String key) {
        return key.startsWith("w0-") || key.startsWith("w1-");
    }

    private void write(int writer) {
        Random random = new Random(writer);
        // What each of this writer's keys holds now, by store and key: whether a delete will find it
        List<Map<String, Boolean>> present = new ArrayList<>();
        stores.forEach(store -> present.add(new HashMap<>()));
        for (long version = 1; running; version++) {
            int index = (int) (version % stores.size());
            Store store = stores.get(index);
            String key = "w" + writer + "-" + random.nextInt(KEYS_PER_WRITER);
            boolean delete = random.nextInt(100) < 15 && present.get(index).getOrDefault(key, false);
            try {
                if (delete) {
                    if (!store.delete(key)) {
                        failures.add(store.name() + ": delete " + key + " found nothing");
                    }
                    acknowledged.acknowledged(store.name(), key, ChangeHistory.DELETED);
                } else {
                    store.put(key, ChangeHistory.value(version));
                    acknowledged.acknowledged(store.name(), key, version);
                }
                present.get(index).put(key, !delete);
                completed.incrementAndGet();
            } catch (RuntimeException e) {
                // The write may or may not have committed: the histories cannot be compared any more
                failures.add(store.name() + ": " + (delete ? "delete " : "put ") + key + ": " + e);
            }
        }
    }

    ChangeHistory acknowledged() {
        return acknowledged;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    long completed() {
        return completed.get();
    }

    /** Waits until the writers complete this many more writes: every store serves them again. */
    void awaitProgress(String when, long writes) throws InterruptedException {
        long target = completed() + writes;
        StowageFramework.await(writes + " writes " + when + "; failures " + failures, 30_000,
                () -> completed() >= target);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }
}
