package io.stowage.bench;

import java.io.IOException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.stowage.api.Batch;
import io.stowage.storage.redis.RawRedisCommands;

/**
 * Redis through the kernel against the raw Lettuce client sending the very same commands to the same kind of server
 * (a redis-server of each fork's own, loaded with the data set through the kernel): single gets (GET), single puts
 * (the put script: SET and the index's ZADD, by EVALSHA) and batches of {@value #BATCH} puts (one EVALSHA of the
 * batch script). {@link #rawPlainSet} is a plain SET, for the cost of the index.
 */
@Fork(2)
public class RedisBenchmark {

    static final int BATCH = 16;

    @State(Scope.Benchmark)
    public static class Loaded {

        @Param("100000")
        public int entries;

        Dataset data;
        KernelOnRedis redis;
        /** Per data set entry: the backend key, its data key in Redis and the kernel's envelope of the value. */
        byte[][] backendKeys;
        byte[][] dataKeys;
        byte[][] envelopes;

        @Setup(Level.Trial)
        public void load() throws IOException {
            data = new Dataset(entries, 42);
            redis = new KernelOnRedis().load(data);
            backendKeys = new byte[entries][];
            dataKeys = new byte[entries][];
            envelopes = new byte[entries][];
            byte[] storePrefix = redis.storePrefix();
            for (int i = 0; i < entries; i++) {
                backendKeys[i] = RawRedisCommands.backendKey(storePrefix, data.keys[i]);
                dataKeys[i] = redis.raw.dataKey(backendKeys[i]);
                envelopes[i] = KernelOnRedis.envelope(data.values[i]);
            }
            // The raw side reads what the kernel stored: a key built unlike the kernel's would find nothing, fast
            if (redis.raw.get(dataKeys[0]) == null) {
                throw new IllegalStateException("the raw side's keys are not the kernel's: nothing under "
                        + new String(dataKeys[0], java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            redis.close();
        }
    }

    @Benchmark
    public byte[] kernelGet(Loaded loaded, Cursor cursor) {
        return loaded.redis.store.get(loaded.data.keys[cursor.next(loaded.data.order)]);
    }

    @Benchmark
    public byte[] rawGet(Loaded loaded, Cursor cursor) {
        return loaded.redis.raw.get(loaded.dataKeys[cursor.next(loaded.data.order)]);
    }

    @Benchmark
    public void kernelPut(Loaded loaded, Cursor cursor) {
        int i = cursor.next(loaded.data.order);
        loaded.redis.store.put(loaded.data.keys[i], loaded.data.values[i]);
    }

    @Benchmark
    public void rawPut(Loaded loaded, Cursor cursor) {
        int i = cursor.next(loaded.data.order);
        loaded.redis.raw.put(loaded.backendKeys[i], loaded.envelopes[i]);
    }

    @Benchmark
    public void rawPlainSet(Loaded loaded, Cursor cursor) {
        int i = cursor.next(loaded.data.order);
        loaded.redis.raw.set(loaded.backendKeys[i], loaded.envelopes[i]);
    }

    /** One atomic batch of {@value #BATCH} puts; the score counts puts. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void kernelBatchPut(Loaded loaded, Cursor cursor) {
        Batch.Builder batch = Batch.builder();
        for (int n = 0; n < BATCH; n++) {
            int i = cursor.next(loaded.data.order);
            batch.put(loaded.data.keys[i], loaded.data.values[i]);
        }
        loaded.redis.store.write(batch.build());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawBatchPut(Loaded loaded, Cursor cursor) {
        byte[][] keys = new byte[BATCH][];
        byte[][] envelopes = new byte[BATCH][];
        for (int n = 0; n < BATCH; n++) {
            int i = cursor.next(loaded.data.order);
            keys[n] = loaded.backendKeys[i];
            envelopes[n] = loaded.envelopes[i];
        }
        loaded.redis.raw.putAll(keys, envelopes);
    }
}
