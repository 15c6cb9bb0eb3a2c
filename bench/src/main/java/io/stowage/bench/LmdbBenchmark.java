package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Raw lmdbjava point reads on the same data, with a reused read transaction: the engine the memory backend must
 * beat by 2x on point reads. Like the kernel, it returns the value as a fresh byte array.
 */
@State(Scope.Benchmark)
public class LmdbBenchmark {

    @Param("1000000")
    public int entries;

    private Dataset data;
    private Path folder;
    private Env<ByteBuffer> env;
    private Dbi<ByteBuffer> dbi;

    @State(Scope.Thread)
    public static class Reader {
        Txn<ByteBuffer> txn;
        final ByteBuffer key = ByteBuffer.allocateDirect(511);

        @Setup(Level.Trial)
        public void open(LmdbBenchmark bench) {
            txn = bench.env.txnRead();
        }

        @TearDown(Level.Trial)
        public void close() {
            txn.close();
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        data = new Dataset(entries, 42);
        folder = Files.createTempDirectory("stowage-bench-lmdb");
        env = Env.create().setMapSize(4L << 30).setMaxDbs(1).setMaxReaders(16)
                .open(folder.toFile(), EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOTLS);
        dbi = env.openDbi("bench", DbiFlags.MDB_CREATE);
        ByteBuffer key = ByteBuffer.allocateDirect(511);
        ByteBuffer value = ByteBuffer.allocateDirect(Dataset.VALUE_LENGTH);
        for (int start = 0; start < entries; start += 10_000) {
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                for (int i = start; i < Math.min(entries, start + 10_000); i++) {
                    key.clear();
                    key.put(data.keys[i].getBytes(UTF_8)).flip();
                    value.clear();
                    value.put(data.values[i]).flip();
                    dbi.put(txn, key, value);
                }
                txn.commit();
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        env.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Benchmark
    public byte[] rawLmdbGet(Reader reader, Cursor cursor) {
        ByteBuffer key = reader.key;
        key.clear();
        key.put(data.keys[cursor.next(data.order)].getBytes(UTF_8)).flip();
        ByteBuffer found = dbi.get(reader.txn, key);
        byte[] value = new byte[found.remaining()];
        found.get(value);
        return value;
    }
}
