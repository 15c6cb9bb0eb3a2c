package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.stowage.api.Store;
import io.stowage.api.TransformUnavailableException;

/**
 * Two client threads writing and reading their own keys on a store with increasing values, each remembering the
 * last value the store acknowledged for each key, the operations that succeeded, and every failure: a
 * {@link TransformUnavailableException} counted as such (writes and reads apart), anything else (or a read of another
 * value) kept as an error.
 */
final class TransformLoad implements AutoCloseable {

    static final int KEYS_PER_CLIENT = 50;

    private final Store store;
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final List<String> writesUnavailable = new CopyOnWriteArrayList<>();
    private final AtomicLong readsUnavailable = new AtomicLong();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<String> unavailableMessages = new CopyOnWriteArrayList<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running = true;

    TransformLoad(Store store) {
        this.store = store;
        for (int client = 0; client < 2; client++) {
            int id = client;
            Thread thread = new Thread(() -> run(id), "transform-load-" + store.name() + "-" + id);
            clients.add(thread);
            thread.start();
        }
    }

    /** A value long and repetitive enough that every compressor shrinks it, so every value goes through the chain. */
    static byte[] value(String key, long version) {
        return (key + "=" + version + ";").repeat(20).getBytes(UTF_8);
    }

    private void run(int client) {
        for (long version = 1; running; version++) {
            String key = "client" + client + "-" + (version % KEYS_PER_CLIENT);
            try {
                store.put(key, value(key, version));
                acknowledged.put(key, version);
                succeeded.incrementAndGet();
            } catch (TransformUnavailableException missing) {
                writesUnavailable.add(missing.getMessage());
                continue;
            } catch (RuntimeException e) {
                errors.add("put " + key + ": " + e);
                continue;
            }
            try {
                byte[] read = store.get(key);
                if (read == null || !new String(read, UTF_8).equals(new String(value(key, version), UTF_8))) {
                    errors.add(key + " read back " + (read == null ? "null" : new String(read, UTF_8)) + ", not "
                            + version);
                }
                succeeded.incrementAndGet();
            } catch (TransformUnavailableException missing) {
                unavailable(readsUnavailable, "get: ", missing);
            } catch (RuntimeException e) {
                errors.add("get " + key + ": " + e);
            }
        }
    }

    private void unavailable(AtomicLong count, String operation, TransformUnavailableException e) {
        if (count.incrementAndGet() <= 3) {
            unavailableMessages.add(operation + e.getMessage());
        }
    }

    long succeeded() {
        return succeeded.get();
    }

    /** The messages of the writes that failed with {@link TransformUnavailableException}, in order. */
    List<String> writesUnavailable() {
        return List.copyOf(writesUnavailable);
    }

    /** Reads that failed with {@link TransformUnavailableException} (after waiting the operation timeout). */
    long readsUnavailable() {
        return readsUnavailable.get();
    }

    /** The first few messages of {@link TransformUnavailableException}s, for failure messages. */
    List<String> unavailableMessages() {
        return List.copyOf(unavailableMessages);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Each key's last acknowledged version. */
    Map<String, Long> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Waits until the clients complete this many more operations: the store serves them again. */
    void awaitProgress(String when, long operations) throws InterruptedException {
        long target = succeeded() + operations;
        StowageFramework.await(operations + " operations on " + store.name() + " " + when + "; errors " + errors,
                20_000, () -> succeeded() >= target);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread client : clients) {
            client.join(10_000);
        }
    }
}
