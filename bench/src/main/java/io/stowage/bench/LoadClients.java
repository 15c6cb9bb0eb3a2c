package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.stowage.api.Batch;
import io.stowage.api.Store;

/**
 * Client threads doing a mix of put, get, delete and key listing on the stores, recording when each operation
 * started and how long it took, per store, so that a time window can be read afterwards.
 */
final class LoadClients implements AutoCloseable {

    /** Operations one thread records at most per store (about a minute of load at this machine's rates). */
    private static final int CAPACITY = 8_000_000;
    private static final int FILL_BATCH = 1_000;

    private final List<Store> stores;
    private final int keys;
    private final List<Client> clients = new ArrayList<>();

    /** What one thread recorded for one store: start times and latencies in nanoseconds, and failures. */
    static final class Recording {
        final long[] starts = new long[CAPACITY];
        final long[] latencies = new long[CAPACITY];
        int size;
        final AtomicLong failures = new AtomicLong();
        volatile String firstFailure;
    }

    private final class Client extends Thread {
        final Recording[] recordings = new Recording[stores.size()];
        volatile boolean running = true;

        Client(int index) {
            super("stall-client-" + index);
            for (int i = 0; i < recordings.length; i++) {
                recordings[i] = new Recording();
            }
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            byte[] value = new byte[100];
            while (running) {
                int storeIndex = random.nextInt(stores.size());
                Store store = stores.get(storeIndex);
                Recording recording = recordings[storeIndex];
                String key = key(random.nextInt(keys));
                long start = System.nanoTime();
                try {
                    int kind = random.nextInt(100);
                    if (kind < 40) {
                        random.nextBytes(value);
                        store.put(key, value);
                    } else if (kind < 80) {
                        store.get(key);
                    } else if (kind < 90) {
                        store.delete(key);
                    } else {
                        store.keys(key.substring(0, 2) + "*", 10, null);
                    }
                } catch (RuntimeException e) {
                    if (recording.failures.incrementAndGet() == 1) {
                        recording.firstFailure = e.toString();
                    }
                }
                if (recording.size < CAPACITY) {
                    recording.starts[recording.size] = start;
                    recording.latencies[recording.size] = System.nanoTime() - start;
                    recording.size++;
                }
            }
        }
    }

    LoadClients(List<Store> stores, int keys, int threads) {
        this.stores = stores;
        this.keys = keys;
        for (int i = 0; i < threads; i++) {
            clients.add(new Client(i));
        }
    }

    /** In batches: one durable LMDB commit (an fsync) per put made a fill of 1M keys take many minutes. */
    static void fill(Store store, int keys) {
        for (int first = 0; first < keys; first += FILL_BATCH) {
            Batch.Builder batch = Batch.builder();
            for (int i = first; i < Math.min(keys, first + FILL_BATCH); i++) {
                byte[] value = new byte[100];
                ThreadLocalRandom.current().nextBytes(value);
                batch.put(key(i), value);
            }
            store.write(batch.build());
        }
        store.put("probe", "x".getBytes(UTF_8));
    }

    static String key(int index) {
        return "k" + index;
    }

    void start() {
        clients.forEach(Thread::start);
    }

    /** Completed operations on the store so far, all threads. */
    long operations(int storeIndex) {
        return clients.stream().mapToLong(client -> client.recordings[storeIndex].size).sum();
    }

    /** What happened to the store's operations that started in [from, to) (System.nanoTime). */
    Window window(int storeIndex, long from, long to) {
        List<Long> latencies = new ArrayList<>();
        long failures = 0;
        String firstFailure = null;
        long longestStart = from;
        long longest = -1;
        for (Client client : clients) {
            Recording recording = client.recordings[storeIndex];
            int size = recording.size;
            for (int i = 0; i < size; i++) {
                if (recording.starts[i] >= from && recording.starts[i] < to) {
                    latencies.add(recording.latencies[i]);
                    if (recording.latencies[i] > longest) {
                        longest = recording.latencies[i];
                        longestStart = recording.starts[i];
                    }
                }
            }
            failures += recording.failures.get();
            if (firstFailure == null) {
                firstFailure = recording.firstFailure;
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Window(sorted, failures, firstFailure, longestStart - from);
    }

    /**
     * Operations of one store in a time window, sorted by latency; the longest began {@code longestOffsetNanos}
     * after the window's start, which tells which step of the change held it up.
     */
    record Window(long[] latencies, long failures, String firstFailure, long longestOffsetNanos) {

        double longestOffsetMillis() {
            return longestOffsetNanos / 1e6;
        }

        double longestMillis() {
            return latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6;
        }

        double p99Millis() {
            return latencies.length == 0 ? 0 : latencies[(int) Math.min(latencies.length - 1,
                    Math.ceil(latencies.length * 0.99) - 1)] / 1e6;
        }
    }

    /**
     * Stops the clients and waits for each, at most 30 s. Interrupted, it stops waiting and keeps the interrupt for
     * the caller: a try-with-resources would otherwise add the InterruptedException, suppressed, to an exception of
     * the block, where nothing reacts to it.
     */
    @Override
    public void close() {
        for (Client client : clients) {
            client.running = false;
        }
        try {
            for (Client client : clients) {
                client.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
