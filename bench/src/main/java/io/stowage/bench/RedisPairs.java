package io.stowage.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.stowage.bench.SlicedRounds.Contender;
import io.stowage.bench.SlicedRounds.Side;
import io.stowage.storage.redis.RawRedisCommands;

/**
 * The Redis lines of a {@link Paired} run, in its rounds and its report: the kernel against the faster raw client
 * for each command, and raw Jedis against raw Lettuce.
 */
final class RedisPairs {

    private final Paired paired;
    private final int entries;

    RedisPairs(Paired paired, int entries) {
        this.paired = paired;
        this.entries = entries;
    }

    /**
     * The kernel on Redis against raw Jedis and raw Lettuce sending the same commands, all three in each round, on
     * a redis-server of the bench's own (a free loopback port, never 6379); then raw Jedis against raw Lettuce from
     * the thread counts the kernel comparisons do not cover.
     */
    void measure() throws IOException {
        RedisBenchmark.Loaded redis = new RedisBenchmark.Loaded();
        redis.entries = Math.min(entries, Paired.REDIS_ENTRIES);
        redis.load();
        try {
            // So that Jedis's first EVALSHA finds the script, as the backend's would after its first EVAL
            redis.redis.jedis.scriptLoad(RawRedisCommands.putScriptBody());
            if (paired.selected("redis.get") || paired.selected("redis.raw-jedis-vs-lettuce")) {
                threeClients("redis.get", "get.1t", 1, redisGets(redis, Client.KERNEL), redisGets(redis, Client.JEDIS),
                        redisGets(redis, Client.LETTUCE));
            }
            if (paired.selected("redis.put") || paired.selected("redis.raw-jedis-vs-lettuce")) {
                threeClients("redis.put", "put.1t", 1, redisPuts(redis, Client.KERNEL), redisPuts(redis, Client.JEDIS),
                        redisPuts(redis, Client.LETTUCE));
            }
            if (paired.selected("redis.batch-get") || paired.selected("redis.raw-jedis-vs-lettuce")) {
                threeClients("redis.batch-get", "mget.2t", 2, redisBatchGets(redis, Client.KERNEL),
                        redisBatchGets(redis, Client.JEDIS), redisBatchGets(redis, Client.LETTUCE));
            }
            if (paired.selected("redis.raw-jedis-vs-lettuce")) {
                clients("get.2t", 2, redisGets(redis, Client.JEDIS), redisGets(redis, Client.LETTUCE));
                clients("put.2t", 2, redisPuts(redis, Client.JEDIS), redisPuts(redis, Client.LETTUCE));
                clients("mget.1t", 1, redisBatchGets(redis, Client.JEDIS), redisBatchGets(redis, Client.LETTUCE));
            }
        } finally {
            redis.close();
        }
    }

    private enum Client {
        KERNEL, JEDIS, LETTUCE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One side's work for one thread, given a cursor of its own (every thread walks the same order, as in JMH). */
    @FunctionalInterface
    private interface PerThread {
        Side side(Cursor cursor);
    }

    private Contender contender(Client client, int threads, PerThread perThread) {
        return Contender.threads(client.label(), threads, thread -> perThread.side(new Cursor()));
    }

    /**
     * Kernel, raw Jedis and raw Lettuce in rounds of three: the goal line against the faster raw client of this
     * run, the kernel against each, and raw Jedis against raw Lettuce.
     */
    private void threeClients(String name, String rawName, int threads, PerThread kernel, PerThread jedis,
            PerThread lettuce) {
        SlicedRounds.Samples samples = paired.measure(List.of(contender(Client.KERNEL, threads, kernel),
                contender(Client.JEDIS, threads, jedis), contender(Client.LETTUCE, threads, lettuce)));
        double[] jedisOverLettuceRatios = samples.ratios(1, 2);
        double[] vsJedisRatios = samples.ratios(0, 1);
        double[] vsLettuceRatios = samples.ratios(0, 2);
        MedianInterval jedisOverLettuce = Paired.interval(jedisOverLettuceRatios);
        MedianInterval vsJedis = Paired.interval(vsJedisRatios);
        MedianInterval vsLettuce = Paired.interval(vsLettuceRatios);
        if (paired.selected(name)) {
            boolean jedisFaster = jedisOverLettuce.median() >= 1;
            MedianInterval ratio = jedisFaster ? vsJedis : vsLettuce;
            PairedLine line = new PairedLine(name, PairedLine.Unit.RATIO, ratio, Paired.RATIO_GOAL, "");
            paired.add(line.withText(String.format(Locale.ROOT,
                    "%s: ratio=%.3f ci=[%.3f,%.3f] rounds=%d threads=%d vs=%s (the faster raw client here: "
                            + "jedis/lettuce=%.3f ci=[%.3f,%.3f]) kernel=%.0f jedis=%.0f lettuce=%.0f ops/s "
                            + "alloc=%.0f/%.0f/%.0f B/op (kernel/jedis/lettuce) goal>=%.2f %s",
                    name, ratio.median(), ratio.lower(), ratio.upper(), ratio.samples(), threads,
                    jedisFaster ? "jedis" : "lettuce", jedisOverLettuce.median(), jedisOverLettuce.lower(),
                    jedisOverLettuce.upper(), samples.rate(0), samples.rate(1), samples.rate(2),
                    samples.bytesPerOperation(0), samples.bytesPerOperation(1), samples.bytesPerOperation(2),
                    Paired.RATIO_GOAL, Paired.verdict(line))), "ratio", "rounds",
                    jedisFaster ? vsJedisRatios : vsLettuceRatios);
            paired.add(PairedLine.report(name + ".kernel-vs-jedis", vsJedis, String.format(Locale.ROOT,
                    "%s.kernel-vs-jedis: ratio=%.3f ci=[%.3f,%.3f] rounds=%d (report)", name, vsJedis.median(),
                    vsJedis.lower(), vsJedis.upper(), vsJedis.samples())), "ratio", "rounds", vsJedisRatios);
            paired.add(PairedLine.report(name + ".kernel-vs-lettuce", vsLettuce, String.format(Locale.ROOT,
                    "%s.kernel-vs-lettuce: ratio=%.3f ci=[%.3f,%.3f] rounds=%d (report)", name, vsLettuce.median(),
                    vsLettuce.lower(), vsLettuce.upper(), vsLettuce.samples())), "ratio", "rounds",
                    vsLettuceRatios);
        }
        if (paired.selected("redis.raw-jedis-vs-lettuce")) {
            rawClientsLine(rawName, samples, 1, 2, jedisOverLettuceRatios);
        }
    }

    private void clients(String rawName, int threads, PerThread jedis, PerThread lettuce) {
        SlicedRounds.Samples samples = paired.measure(List.of(contender(Client.JEDIS, threads, jedis),
                contender(Client.LETTUCE, threads, lettuce)));
        rawClientsLine(rawName, samples, 0, 1, samples.ratios(0, 1));
    }

    private void rawClientsLine(String rawName, SlicedRounds.Samples samples, int jedis, int lettuce,
            double[] ratios) {
        MedianInterval ratio = Paired.interval(ratios);
        String name = "redis.raw-jedis-vs-lettuce." + rawName;
        paired.add(PairedLine.report(name, ratio, String.format(Locale.ROOT,
                "%s: ratio=%.3f ci=[%.3f,%.3f] rounds=%d jedis=%.0f lettuce=%.0f ops/s alloc=%.0f/%.0f B/op (report)",
                name, ratio.median(), ratio.lower(), ratio.upper(), ratio.samples(), samples.rate(jedis),
                samples.rate(lettuce), samples.bytesPerOperation(jedis), samples.bytesPerOperation(lettuce))),
                "ratio", "rounds", ratios);
    }

    /** GET of one key: the kernel's {@code Store.get}, or the same GET of the backend's data key from a raw client. */
    private PerThread redisGets(RedisBenchmark.Loaded redis, Client client) {
        int[] order = redis.data.order;
        return cursor -> switch (client) {
            case KERNEL -> () -> {
                paired.sink += redis.redis.store.get(redis.data.keys[cursor.next(order)])[0];
                return 1;
            };
            case JEDIS -> () -> {
                paired.sink += redis.redis.jedis.get(redis.dataKeys[cursor.next(order)])[0];
                return 1;
            };
            case LETTUCE -> () -> {
                paired.sink += redis.redis.raw.get(redis.dataKeys[cursor.next(order)])[0];
                return 1;
            };
        };
    }

    /** One put: the kernel's {@code Store.put}, or the backend's put script (SET and ZADD) by EVALSHA. */
    private PerThread redisPuts(RedisBenchmark.Loaded redis, Client client) {
        int[] order = redis.data.order;
        byte[] sha = RawRedisCommands.putScriptSha();
        return cursor -> switch (client) {
            case KERNEL -> () -> {
                int i = cursor.next(order);
                redis.redis.store.put(redis.data.keys[i], redis.data.values[i]);
                return 1;
            };
            case JEDIS -> () -> {
                int i = cursor.next(order);
                redis.redis.jedis.evalsha(sha, RawRedisCommands.PUT_KEYS,
                        redis.redis.raw.putParameters(redis.backendKeys[i], redis.envelopes[i]));
                return 1;
            };
            case LETTUCE -> () -> {
                int i = cursor.next(order);
                redis.redis.raw.put(redis.backendKeys[i], redis.envelopes[i]);
                return 1;
            };
        };
    }

    /** A batch get of {@value RedisBatchGetBenchmark#BATCH} keys (one MGET); counts keys, as the JMH lines do. */
    private PerThread redisBatchGets(RedisBenchmark.Loaded redis, Client client) {
        int[] order = redis.data.order;
        int batch = RedisBatchGetBenchmark.BATCH;
        return cursor -> switch (client) {
            case KERNEL -> () -> {
                List<String> keys = new ArrayList<>(batch);
                for (int n = 0; n < batch; n++) {
                    keys.add(redis.data.keys[cursor.next(order)]);
                }
                paired.sink += redis.redis.store.getAll(keys).size();
                return batch;
            };
            case JEDIS -> () -> {
                paired.sink += redis.redis.jedis.mget(dataKeys(redis, cursor, batch)).size();
                return batch;
            };
            case LETTUCE -> () -> {
                paired.sink += redis.redis.raw.getAll(dataKeys(redis, cursor, batch)).size();
                return batch;
            };
        };
    }

    private static byte[][] dataKeys(RedisBenchmark.Loaded redis, Cursor cursor, int count) {
        byte[][] keys = new byte[count][];
        for (int n = 0; n < count; n++) {
            keys[n] = redis.dataKeys[cursor.next(redis.data.order)];
        }
        return keys;
    }
}
