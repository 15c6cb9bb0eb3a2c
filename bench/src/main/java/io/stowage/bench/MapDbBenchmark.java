package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Random point reads on MapDB 3 file stores (memory-mapped where the platform allows) holding the same data: the
 * ordered {@code BTreeMap} and, for reference, the unordered {@code HTreeMap}. MapDB deserializes every value it
 * returns, so each get hands back a fresh array, as the kernel does.
 */
@Fork(1)
public class MapDbBenchmark {

    /** One MapDB file with one map holding the data set. */
    @State(Scope.Benchmark)
    public abstract static class MapDbStore {

        @Param("1000000")
        public int entries;

        Dataset data;
        Map<byte[], byte[]> map;
        private Path folder;
        private DB db;

        @Setup(Level.Trial)
        public void load() throws IOException {
            data = new Dataset(entries, 42);
            folder = TrialFolder.create("mapdb");
            db = DBMaker.fileDB(folder.resolve("bench.db").toFile())
                    .fileMmapEnableIfSupported()
                    .fileMmapPreclearDisable()
                    .cleanerHackEnable()
                    .make();
            map = open(db);
            for (int i = 0; i < entries; i++) {
                map.put(data.keys[i].getBytes(UTF_8), data.values[i]);
            }
            db.commit();
        }

        abstract Map<byte[], byte[]> open(DB db);

        @TearDown(Level.Trial)
        public void close() throws IOException {
            db.close();
            TrialFolder.delete(folder);
        }
    }

    @State(Scope.Benchmark)
    public static class BTree extends MapDbStore {
        @Override
        Map<byte[], byte[]> open(DB db) {
            return db.treeMap("bench", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen();
        }
    }

    @State(Scope.Benchmark)
    public static class HTree extends MapDbStore {
        @Override
        Map<byte[], byte[]> open(DB db) {
            return db.hashMap("bench", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen();
        }
    }

    @Benchmark
    public byte[] bTreeGet(BTree tree, Cursor cursor) {
        return tree.map.get(tree.data.keys[cursor.next(tree.data.order)].getBytes(UTF_8));
    }

    @Benchmark
    public byte[] hTreeGet(HTree tree, Cursor cursor) {
        return tree.map.get(tree.data.keys[cursor.next(tree.data.order)].getBytes(UTF_8));
    }
}
