package io.stowage.storage.redis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.stowage.storage.redis.RedisSettings.Client;
import io.stowage.storage.redis.testing.RedisServer;

/**
 * Jedis and Lettuce side by side on one redis-server of its own, in one JVM, for the commands the backend sends: GET,
 * the put script (EVALSHA of SET and the index's ZADD) and one MGET of 16 keys, from 1 and 2 threads. Each
 * comparison alternates 200 ms slices of its two sides in random order; the ratio of each adjacent pair is a sample,
 * and the line gives their median with a 95% bootstrap interval, as {@code bench}'s paired mode does. Besides raw
 * Jedis against raw Lettuce it sets the backend on each client against the raw client it uses.
 *
 * <p>Not a unit test: run it by hand (docs/architecture.md, "Redis client"), for example
 * {@code java -cp <test class path> io.stowage.storage.redis.RedisClientComparison 30 1,2}: seconds per comparison,
 * thread counts, and optionally a filter on the comparison names.
 */
final class RedisClientComparison {

    private static final int KEYS = 100_000;
    private static final int VALUE_BYTES = 100;
    private static final int BATCH = 16;
    private static final long SLICE_NANOS = 200_000_000L;
    private static final byte[] NO_TTL = {'0'};

    /** One operation of one side, called in a loop by each worker thread. */
    interface Side {
        void once(SplittableRandom random);
    }

    private final byte[][] keys = new byte[KEYS][];
    private final byte[][] dataKeys = new byte[KEYS][];
    private final byte[] value = new byte[VALUE_BYTES + 1];
    private final RedisKeyLayout layout = new RedisKeyLayout("stowage:");
    private final byte[] group;
    private final byte[] indexKey;

    private RedisClientComparison() {
        for (int i = 0; i < KEYS; i++) {
            keys[i] = String.format(Locale.ROOT, "io.stowage.bench\0points\0key%09d", i)
                    .getBytes(StandardCharsets.UTF_8);
            dataKeys[i] = layout.dataKey(keys[i]);
        }
        new SplittableRandom(1).nextBytes(value);
        value[0] = 0;
        group = RedisKeyLayout.group(keys[0]);
        indexKey = layout.indexKey(group);
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int[] threads = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2};
        String filter = args.length > 2 ? args[2] : "";
        new RedisClientComparison().run(seconds, threads, filter);
    }

    private void run(int seconds, int[] threadCounts, String filter) throws Exception {
        Path folder = Files.createTempDirectory("redis-client-comparison");
        try (RedisServer server = RedisServer.start(folder.resolve("redis"));
                redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.builder()
                        .hostAndPort(server.host(), server.port()).build()) {
            io.lettuce.core.RedisClient lettuceClient = io.lettuce.core.RedisClient.create(
                    RedisURI.create(server.host(), server.port()));
            StatefulRedisConnection<byte[], byte[]> connection = lettuceClient.connect(ByteArrayCodec.INSTANCE);
            RedisBackend onLettuce = backend(server, Client.LETTUCE);
            RedisBackend onJedis = backend(server, Client.JEDIS);
            try {
                RedisCommands<byte[], byte[]> lettuce = connection.sync();
                for (int i = 0; i < KEYS; i += 1_000) {
                    List<io.stowage.spi.BackendMutation> batch = new ArrayList<>();
                    for (int k = i; k < Math.min(KEYS, i + 1_000); k++) {
                        batch.add(io.stowage.spi.BackendMutation.put(keys[k], value, 0));
                    }
                    onLettuce.write(batch);
                }
                byte[] sha = RedisScript.PUT.sha.getBytes(StandardCharsets.US_ASCII);
                Map<String, Side> sides = new LinkedHashMap<>();
                sides.put("raw-jedis.get", r -> jedis.get(dataKeys[r.nextInt(KEYS)]));
                sides.put("raw-lettuce.get", r -> lettuce.get(dataKeys[r.nextInt(KEYS)]));
                sides.put("backend-jedis.get", r -> onJedis.get(keys[r.nextInt(KEYS)]));
                sides.put("backend-lettuce.get", r -> onLettuce.get(keys[r.nextInt(KEYS)]));
                sides.put("raw-jedis.put", r -> {
                    int k = r.nextInt(KEYS);
                    jedis.evalsha(sha, List.of(dataKeys[k], indexKey), List.of(keys[k], value, NO_TTL));
                });
                sides.put("raw-lettuce.put", r -> {
                    int k = r.nextInt(KEYS);
                    RedisScript.PUT.run(lettuce, ScriptOutputType.INTEGER, new byte[][] {dataKeys[k], indexKey},
                            keys[k], value, NO_TTL);
                });
                sides.put("backend-jedis.put", r -> onJedis.put(keys[r.nextInt(KEYS)], value, 0));
                sides.put("backend-lettuce.put", r -> onLettuce.put(keys[r.nextInt(KEYS)], value, 0));
                sides.put("raw-jedis.mget", r -> jedis.mget(batchOf(r, dataKeys)));
                sides.put("raw-lettuce.mget", r -> lettuce.mget(batchOf(r, dataKeys)));
                sides.put("backend-jedis.mget", r -> onJedis.getAll(Arrays.asList(batchOf(r, keys))));
                sides.put("backend-lettuce.mget", r -> onLettuce.getAll(Arrays.asList(batchOf(r, keys))));
                // Make sure the script is known before the first slice
                sides.get("raw-lettuce.put").once(new SplittableRandom(2));

                System.out.printf(Locale.ROOT, "redis-server %s:%d, %d keys of %d B, %d s per comparison, "
                        + "200 ms slices, %d cores%n", server.host(), server.port(), KEYS, VALUE_BYTES, seconds,
                        Runtime.getRuntime().availableProcessors());
                for (String op : List.of("get", "put", "mget")) {
                    for (int threads : threadCounts) {
                        compare(op + "/" + threads + "t: jedis vs lettuce (raw)", sides.get("raw-jedis." + op),
                                sides.get("raw-lettuce." + op), threads, seconds, filter);
                        compare(op + "/" + threads + "t: backend on jedis vs raw jedis",
                                sides.get("backend-jedis." + op), sides.get("raw-jedis." + op), threads, seconds,
                                filter);
                        compare(op + "/" + threads + "t: backend on lettuce vs raw lettuce",
                                sides.get("backend-lettuce." + op), sides.get("raw-lettuce." + op), threads, seconds,
                                filter);
                        compare(op + "/" + threads + "t: backend on jedis vs backend on lettuce",
                                sides.get("backend-jedis." + op), sides.get("backend-lettuce." + op), threads,
                                seconds, filter);
                    }
                }
            } finally {
                onJedis.close();
                onLettuce.close();
                connection.close();
                lettuceClient.shutdown();
            }
        } finally {
            Files.deleteIfExists(folder);
        }
    }

    private static RedisBackend backend(RedisServer server, Client client) {
        return new RedisBackend(RedisSettings.builder("compare-" + client).endpoint(server.host(), server.port())
                .client(client).build(), new TestLogger().logger());
    }

    private static byte[][] batchOf(SplittableRandom random, byte[][] from) {
        byte[][] batch = new byte[BATCH][];
        for (int n = 0; n < BATCH; n++) {
            batch[n] = from[random.nextInt(KEYS)];
        }
        return batch;
    }

    /** Prints {@code name: ratio=<a/b median> ci=[..] pairs=n a=<ops/s> b=<ops/s>}; an MGET counts as one op. */
    private static void compare(String name, Side a, Side b, int threads, int seconds, String filter)
            throws InterruptedException {
        if (!name.contains(filter)) {
            return;
        }
        SplittableRandom order = new SplittableRandom(name.hashCode());
        // Warm-up: two seconds of each side
        for (int i = 0; i < 5; i++) {
            slice(a, threads);
            slice(b, threads);
        }
        int pairs = (int) (seconds * 1_000_000_000L / (2 * SLICE_NANOS));
        double[] ratios = new double[pairs];
        double[] as = new double[pairs];
        double[] bs = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            if (order.nextBoolean()) {
                as[p] = slice(a, threads);
                bs[p] = slice(b, threads);
            } else {
                bs[p] = slice(b, threads);
                as[p] = slice(a, threads);
            }
            ratios[p] = as[p] / bs[p];
        }
        double[] interval = bootstrap(ratios);
        System.out.printf(Locale.ROOT, "%s: ratio=%.3f ci=[%.3f,%.3f] pairs=%d a=%.0f b=%.0f ops/s%n", name,
                median(ratios), interval[0], interval[1], pairs, median(as), median(bs));
    }

    /** Operations per second of one slice with {@code threads} threads calling the side. */
    private static double slice(Side side, int threads) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + SLICE_NANOS;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            long seed = start + t;
            workers[t] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                long count = 0;
                while (System.nanoTime() < end) {
                    side.once(random);
                    count++;
                }
                done.addAndGet(count);
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return done.get() * 1e9 / (System.nanoTime() - start);
    }

    private static double[] bootstrap(double[] sample) {
        SplittableRandom random = new SplittableRandom(14);
        double[] medians = new double[2_000];
        double[] resample = new double[sample.length];
        for (int r = 0; r < medians.length; r++) {
            for (int i = 0; i < resample.length; i++) {
                resample[i] = sample[random.nextInt(sample.length)];
            }
            medians[r] = median(resample);
        }
        Arrays.sort(medians);
        return new double[] {medians[(int) (0.025 * (medians.length - 1))],
            medians[(int) Math.ceil(0.975 * (medians.length - 1))]};
    }

    private static double median(double[] sample) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
