package io.stowage.itest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import javax.cache.Cache;

/**
 * Two client threads writing and reading their own keys through one JCache {@link Cache} handle, with increasing
 * values: each remembers the last value the cache acknowledged for each key, and every failure (an exception, or a
 * read of another value than the one just written).
 */
final class JCacheLoad implements AutoCloseable {

    private static final int KEYS_PER_CLIENT = 100;

    private final Cache<String, Long> cache;
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running = true;

    JCacheLoad(Cache<String, Long> cache) {
        this.cache = cache;
        for (int client = 0; client < 2; client++) {
            int id = client;
            Thread thread = new Thread(() -> run(id), "jcache-load-" + cache.getName() + "-" + id);
            clients.add(thread);
            thread.start();
        }
    }

    private void run(int client) {
        for (long version = 1; running; version++) {
            String key = "client" + client + "-" + (version % KEYS_PER_CLIENT);
            try {
                cache.put(key, version);
                acknowledged.put(key, version);
                Long read = cache.get(key);
                if (read == null || read != version) {
                    errors.add(key + " read back " + read + ", not " + version);
                }
                succeeded.addAndGet(2);
            } catch (RuntimeException e) {
                if (errors.size() < 20) {
                    errors.add(key + ": " + e);
                }
            }
        }
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Each key's last acknowledged value. */
    Map<String, Long> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Waits until the clients complete this many more operations: the cache serves them again. */
    void awaitProgress(String when, long operations) throws InterruptedException {
        long target = succeeded.get() + operations;
        StowageFramework.await(operations + " operations on cache " + cache.getName() + " " + when + "; errors "
                + errors, 20_000, () -> succeeded.get() >= target);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread client : clients) {
            client.join(10_000);
        }
    }
}
