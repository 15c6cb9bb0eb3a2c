package io.stowage.bench;

import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.stowage.api.Store;
import io.stowage.bench.TypedRecords.Line;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testlog.Loggers;
import io.stowage.typed.Codecs;
import io.stowage.typed.PersistentMap;
import io.stowage.typed.PersistentMaps;

/**
 * Typed point reads and writes of a small record (issue 17): through a {@code PersistentMap} with the JSON codec,
 * against the same stored bytes through the raw Store API (header and JSON already made), against the same map with
 * a hand-written binary codec, and against MapDB's typed {@code HTreeMap} with a hand-written serializer of the same
 * record. Both stores keep their data in the heap: the kernel on the memory backend, MapDB's {@code memoryDB}, so
 * what differs is the typed layer's and MapDB's own work, not a disk. Every get returns a fresh record (or array).
 *
 * <p>{@code typedSet} and {@code rawPut} are blind writes; {@code typedPut} and MapDB's {@code put} both return the
 * previous value, which each decodes (the typed map in a store transaction, so the write is atomic with the read).
 */
@Fork(2)
@State(Scope.Benchmark)
public class TypedBenchmark {

    @Param("1000000")
    public int entries;

    private Dataset data;
    private Line[] lines;
    private byte[][] stored;
    private MemoryBackend backend;
    private EmbeddedKernel kernel;
    private Store store;
    private PersistentMap<String, Line> json;
    private PersistentMap<String, Line> binary;
    private DB mapDb;
    private HTreeMap<String, Line> hTree;

    @Setup(Level.Trial)
    public void load() {
        data = new Dataset(entries, 42);
        backend = MemoryBackend.outsideFramework("typed", Long.MAX_VALUE, Loggers.silent());
        kernel = new EmbeddedKernel(backend, "memory", 5_000, System::currentTimeMillis, Loggers.silent());
        store = kernel.namespace("io.stowage.bench").store("typed");
        json = PersistentMaps.of(store, Codecs.strings(), Codecs.json(Line.class));
        binary = PersistentMaps.of(kernel.namespace("io.stowage.bench").store("typed-binary"), Codecs.strings(),
                new TypedRecords.LineBinaryCodec());
        mapDb = DBMaker.memoryDB().make();
        hTree = mapDb.hashMap("typed", Serializer.STRING, new TypedRecords.LineSerializer()).createOrOpen();
        lines = new Line[entries];
        stored = new byte[entries][];
        for (int i = 0; i < entries; i++) {
            lines[i] = TypedRecords.line(i, data.keys[i]);
            json.set(data.keys[i], lines[i]);
            binary.set(data.keys[i], lines[i]);
            hTree.put(data.keys[i], lines[i]);
            // What the raw side writes and reads: the typed layer's own bytes for the key
            stored[i] = store.get(data.keys[i]);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        mapDb.close();
        kernel.close();
        backend.close();
    }

    @Benchmark
    public Line typedGet(Cursor cursor) {
        return json.get(data.keys[cursor.next(data.order)]);
    }

    @Benchmark
    public byte[] rawGet(Cursor cursor) {
        return store.get(data.keys[cursor.next(data.order)]);
    }

    @Benchmark
    public Line binaryCodecGet(Cursor cursor) {
        return binary.get(data.keys[cursor.next(data.order)]);
    }

    @Benchmark
    public Line mapDbGet(Cursor cursor) {
        return hTree.get(data.keys[cursor.next(data.order)]);
    }

    @Benchmark
    public void typedSet(Cursor cursor) {
        int i = cursor.next(data.order);
        json.set(data.keys[i], lines[i]);
    }

    @Benchmark
    public void rawPut(Cursor cursor) {
        int i = cursor.next(data.order);
        store.put(data.keys[i], stored[i]);
    }

    @Benchmark
    public Line typedPut(Cursor cursor) {
        int i = cursor.next(data.order);
        return json.put(data.keys[i], lines[i]);
    }

    @Benchmark
    public Line mapDbPut(Cursor cursor) {
        int i = cursor.next(data.order);
        return hTree.put(data.keys[i], lines[i]);
    }
}
