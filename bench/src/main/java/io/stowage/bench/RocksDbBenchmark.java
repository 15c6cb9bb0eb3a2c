package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Random point reads on RocksDB holding the same data, with default options ({@code cache=default}: RocksDB's own
 * block cache) and with a block cache big enough for all of it ({@code cache=all}), flushed and compacted after
 * loading so that no background compaction runs while it is measured.
 * {@code RocksDB.get(byte[])} returns a fresh array, as the kernel does.
 */
@Fork(1)
@State(Scope.Benchmark)
public class RocksDbBenchmark {

    /** Holds every block of the data set, as the page cache does for the memory-mapped stores. */
    static final long ALL_CACHE_MIB = 512;

    @Param("1000000")
    public int entries;

    /** {@code default}: the store's own cache size; {@code all}: a cache that holds the whole data set. */
    @Param({"default", "all"})
    public String cache;

    private Dataset data;
    private Path folder;
    private LRUCache blockCache;
    private Options options;
    private RocksDB db;

    @Setup(Level.Trial)
    public void load() throws IOException, RocksDBException {
        RocksDB.loadLibrary();
        data = new Dataset(entries, 42);
        folder = TrialFolder.create("rocksdb");
        options = new Options().setCreateIfMissing(true);
        if (cache.equals("all")) {
            blockCache = new LRUCache(ALL_CACHE_MIB << 20);
            options.setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache));
        }
        db = RocksDB.open(options, folder.toString());
        try (WriteOptions write = new WriteOptions()) {
            for (int start = 0; start < entries; start += 10_000) {
                try (WriteBatch batch = new WriteBatch()) {
                    for (int i = start; i < Math.min(entries, start + 10_000); i++) {
                        batch.put(data.keys[i].getBytes(UTF_8), data.values[i]);
                    }
                    db.write(write, batch);
                }
            }
        }
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        }
        db.compactRange();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        db.close();
        options.close();
        if (blockCache != null) {
            blockCache.close();
        }
        TrialFolder.delete(folder);
    }

    @Benchmark
    public byte[] rocksDbGet(Cursor cursor) throws RocksDBException {
        return db.get(data.keys[cursor.next(data.order)].getBytes(UTF_8));
    }
}
