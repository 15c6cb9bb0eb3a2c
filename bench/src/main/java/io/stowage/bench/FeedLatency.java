package io.stowage.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.stowage.api.ChangeFeed;
import io.stowage.api.FeedGap;
import io.stowage.api.FeedOverflowException;
import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.api.StoreEvent;
import io.stowage.api.StoreListener;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testlog.Loggers;

/**
 * Issue 19: how long a committed change takes to reach a whiteboard {@link StoreListener} and a pull
 * {@link ChangeFeed} while the machine is busy: two writers put at a fixed total rate, each value carrying the
 * {@link System#nanoTime()} its put started at, and a reader thread gets at full speed from another store, so the
 * delivery threads compete with the load for the two cores. Latency is from the put's start to the event's arrival
 * (HdrHistogram); the line also says how many events arrived and how many gaps either consumer met.
 * Usage: {@code FeedLatency [seconds] [--rate puts-per-second]} (defaults 20 s, 20,000 puts a second).
 */
public final class FeedLatency {

    private static final String NAMESPACE = "io.stowage.bench";
    private static final int KEYS = 10_000;
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private FeedLatency() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 20;
        int rate = 20_000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rate")) {
                rate = Integer.parseInt(args[++i]);
            } else {
                seconds = Integer.parseInt(args[i]);
            }
        }
        MemoryBackend backend = MemoryBackend.outsideFramework("bench", Long.MAX_VALUE, Loggers.silent());
        try (EmbeddedKernel kernel = new EmbeddedKernel(backend, "memory", 5_000, System::currentTimeMillis,
                Loggers.silent())) {
            run(kernel, seconds, rate);
        } finally {
            backend.close();
        }
    }

    private static void run(EmbeddedKernel kernel, int seconds, int rate) throws Exception {
        StorageService service = kernel.namespace(NAMESPACE);
        Store watched = service.store("watched");
        Store other = service.store("other");
        for (int i = 0; i < KEYS; i++) {
            other.put("k" + i, new byte[100]);
        }
        Consumer listener = new Consumer();
        kernel.addListener(NAMESPACE, listener, Map.of(StoreListener.STORE, "watched", StoreListener.VALUES, true));
        Consumer feed = new Consumer();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        try (ChangeFeed pull = watched.watch("*", ChangeFeed.NOW, true)) {
            threads.add(start("feed-reader", () -> feed.follow(pull, running)));
            long intervalNanos = TimeUnit.SECONDS.toNanos(2) / rate;
            for (int w = 0; w < 2; w++) {
                int writer = w;
                threads.add(start("writer-" + w, () -> write(watched, writer, intervalNanos, running)));
            }
            AtomicLong gets = new AtomicLong();
            threads.add(start("load-reader", () -> {
                int i = 0;
                while (running.get()) {
                    other.get("k" + (i++ % KEYS));
                    gets.incrementAndGet();
                }
            }));
            // Warm-up, then the measured part
            Thread.sleep(Math.min(5_000, seconds * 250L));
            listener.reset();
            feed.reset();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double elapsed = (System.nanoTime() - start) / 1e9;
            Histogram byListener = listener.interval();
            Histogram byFeed = feed.interval();
            running.set(false);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            String load = String.format("2 writers at %,d puts/s in all, 1 reader getting at full speed (%,.0f gets/s), "
                    + "memory backend, %d s", rate, gets.get() / elapsed, seconds);
            System.out.println(line("feed.listener-latency", byListener, listener.gaps(), load));
            System.out.println(line("feed.pull-latency", byFeed, feed.gaps(), load));
        } finally {
            kernel.removeListener(listener);
        }
    }

    private static void write(Store store, int writer, long intervalNanos, AtomicBoolean running) {
        long next = System.nanoTime();
        int i = 0;
        while (running.get()) {
            long now = System.nanoTime();
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            store.put("w" + writer + ":" + (i++ % KEYS), ByteBuffer.allocate(Long.BYTES).putLong(now).array());
            next += intervalNanos;
        }
    }

    private static String line(String name, Histogram latencies, long gaps, String load) {
        return String.format("%s: p50=%.1f µs p99=%.1f µs p99.9=%.1f µs max=%.1f µs events=%,d gaps=%d (%s)", name,
                latencies.getValueAtPercentile(50) / 1e3, latencies.getValueAtPercentile(99) / 1e3,
                latencies.getValueAtPercentile(99.9) / 1e3, latencies.getMaxValue() / 1e3,
                latencies.getTotalCount(), gaps, load);
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, "feed-latency " + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Records each event's latency; a listener and a feed reader are both one of these. */
    private static final class Consumer implements StoreListener {

        private final Recorder recorder = new Recorder(MAX_LATENCY_NANOS, 3);
        private final AtomicLong gaps = new AtomicLong();

        @Override
        public void changed(StoreEvent event) {
            record(event);
        }

        @Override
        public void missed(FeedGap gap) {
            gaps.incrementAndGet();
        }

        void follow(ChangeFeed feed, AtomicBoolean running) {
            while (running.get()) {
                try {
                    feed.poll(1_000, Duration.ofMillis(100)).forEach(this::record);
                } catch (FeedOverflowException e) {
                    gaps.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void record(StoreEvent event) {
            long latency = System.nanoTime() - ByteBuffer.wrap(event.value()).getLong();
            recorder.recordValue(Math.min(Math.max(latency, 0), MAX_LATENCY_NANOS));
        }

        void reset() {
            recorder.reset();
            gaps.set(0);
        }

        Histogram interval() {
            return recorder.getIntervalHistogram();
        }

        long gaps() {
            return gaps.get();
        }
    }
}
