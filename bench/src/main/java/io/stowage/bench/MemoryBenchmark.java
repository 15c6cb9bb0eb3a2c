package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListMap;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.stowage.api.Store;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testlog.Loggers;

/**
 * Point reads and writes through the kernel against the same operations on the raw memory backend (and, for
 * reference, a plain skip list). Both sides start from the same String key and return or take a byte array of
 * their own: a store that handed out or kept the caller's arrays could be corrupted by the caller, so the raw side
 * copies the value once too, as the kernel does.
 */
@Fork(2)
@State(Scope.Benchmark)
public class MemoryBenchmark {

    @Param("1000000")
    public int entries;

    private Dataset data;
    private MemoryBackend kernelBackend;
    private EmbeddedKernel kernel;
    private Store store;
    private MemoryBackend raw;
    private ConcurrentSkipListMap<byte[], byte[]> skipList;

    @Setup(Level.Trial)
    public void load() {
        data = new Dataset(entries, 42);
        kernelBackend = MemoryBackend.outsideFramework("kernel", Long.MAX_VALUE, Loggers.silent());
        kernel = new EmbeddedKernel(kernelBackend, "memory", 5_000, System::currentTimeMillis, Loggers.silent());
        store = kernel.namespace("io.stowage.bench").store("points");
        raw = MemoryBackend.outsideFramework("raw", Long.MAX_VALUE, Loggers.silent());
        skipList = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < entries; i++) {
            store.put(data.keys[i], data.values[i]);
            raw.put(data.keys[i].getBytes(UTF_8), data.values[i].clone(), 0);
            skipList.put(data.keys[i].getBytes(UTF_8), data.values[i]);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        kernel.close();
    }

    @Benchmark
    public byte[] kernelGet(Cursor cursor) {
        return store.get(data.keys[cursor.next(data.order)]);
    }

    @Benchmark
    public byte[] rawGet(Cursor cursor) {
        return raw.get(data.keys[cursor.next(data.order)].getBytes(UTF_8)).clone();
    }

    @Benchmark
    public byte[] rawSkipListGet(Cursor cursor) {
        return skipList.get(data.keys[cursor.next(data.order)].getBytes(UTF_8)).clone();
    }

    @Benchmark
    public void kernelPut(Cursor cursor) {
        int i = cursor.next(data.order);
        store.put(data.keys[i], data.values[i]);
    }

    @Benchmark
    public void rawPut(Cursor cursor) {
        int i = cursor.next(data.order);
        raw.put(data.keys[i].getBytes(UTF_8), data.values[i].clone(), 0);
    }
}
