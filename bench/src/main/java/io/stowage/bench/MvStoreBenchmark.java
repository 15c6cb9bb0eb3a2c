package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Random point reads on an H2 MVStore file store holding the same data in an {@code MVMap<byte[], byte[]>}, opened
 * as users open it ({@code cache=default}: MVStore's own 16 MiB page cache) and with a page cache big enough for all
 * of it ({@code cache=all}). The map hands out the arrays in its cached pages, so the value is copied, as the
 * kernel's is.
 */
@Fork(1)
@State(Scope.Benchmark)
public class MvStoreBenchmark {

    /** Holds every page of the data set, as the page cache does for the memory-mapped stores. */
    static final int ALL_CACHE_MIB = 512;

    @Param("1000000")
    public int entries;

    /** {@code default}: the store's own cache size; {@code all}: a cache that holds the whole data set. */
    @Param({"default", "all"})
    public String cache;

    private Dataset data;
    private Path folder;
    private MVStore store;
    private MVMap<byte[], byte[]> map;

    @Setup(Level.Trial)
    public void load() throws IOException {
        data = new Dataset(entries, 42);
        folder = TrialFolder.create("mvstore");
        MVStore.Builder builder = new MVStore.Builder().fileName(folder.resolve("bench.mv.db").toString());
        store = (cache.equals("all") ? builder.cacheSize(ALL_CACHE_MIB) : builder).open();
        map = store.openMap("bench", new MVMap.Builder<byte[], byte[]>()
                .keyType(ByteArrayDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        for (int i = 0; i < entries; i++) {
            map.put(data.keys[i].getBytes(UTF_8), data.values[i]);
        }
        store.commit();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        TrialFolder.delete(folder);
    }

    @Benchmark
    public byte[] mvStoreGet(Cursor cursor) {
        return map.get(data.keys[cursor.next(data.order)].getBytes(UTF_8)).clone();
    }
}
