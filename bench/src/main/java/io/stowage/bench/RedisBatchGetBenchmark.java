package io.stowage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Threads;

import io.lettuce.core.KeyValue;

/**
 * Batch gets of {@value #BATCH} keys from two threads, scored in keys per second: through the kernel (one MGET per
 * batch, the store's keys sharing one hash slot) and raw (the same MGET). {@link Compare} sets them against
 * {@code redis-benchmark -c 2 -P 16 -t get -d 100} on a server of its own: two connections pipelining 16 GETs.
 * {@link #rawJedisBatchGet} sends the same MGET through Jedis, whose calling thread does its own blocking I/O on a
 * pooled connection, where Lettuce hands each command to its event loop thread and back.
 */
@Fork(2)
@Threads(2)
public class RedisBatchGetBenchmark {

    static final int BATCH = 16;

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Map<String, byte[]> kernelBatchGet(RedisBenchmark.Loaded loaded, Cursor cursor) {
        List<String> keys = new ArrayList<>(BATCH);
        for (int n = 0; n < BATCH; n++) {
            keys.add(loaded.data.keys[cursor.next(loaded.data.order)]);
        }
        return loaded.redis.store.getAll(keys);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<KeyValue<byte[], byte[]>> rawBatchGet(RedisBenchmark.Loaded loaded, Cursor cursor) {
        byte[][] keys = new byte[BATCH][];
        for (int n = 0; n < BATCH; n++) {
            keys[n] = loaded.dataKeys[cursor.next(loaded.data.order)];
        }
        return loaded.redis.raw.getAll(keys);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<byte[]> rawJedisBatchGet(RedisBenchmark.Loaded loaded, Cursor cursor) {
        byte[][] keys = new byte[BATCH][];
        for (int n = 0; n < BATCH; n++) {
            keys[n] = loaded.dataKeys[cursor.next(loaded.data.order)];
        }
        return loaded.redis.jedis.mget(keys);
    }
}
