package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.EnvironmentConfig;
import jetbrains.exodus.env.Environments;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Random point reads on a Xodus environment holding the same data in a B-tree store (no duplicates, no key
 * prefixing), with a read-only transaction reused like the raw LMDB reader's. The value is copied out of the
 * returned byte iterable into an array of its own.
 */
@Fork(1)
@State(Scope.Benchmark)
public class XodusBenchmark {

    @Param("1000000")
    public int entries;

    private Dataset data;
    private Path folder;
    private Environment env;
    private Store store;
    private final List<Transaction> readers = new ArrayList<>();

    /** One thread's read-only transaction, reused for every get. */
    @State(Scope.Thread)
    public static class Reader {
        Transaction txn;

        @Setup(Level.Trial)
        public void open(XodusBenchmark bench) {
            txn = bench.openReader();
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        data = new Dataset(entries, 42);
        folder = TrialFolder.create("xodus");
        env = Environments.newInstance(folder.toFile(), new EnvironmentConfig());
        store = env.computeInTransaction(txn -> env.openStore("bench", StoreConfig.WITHOUT_DUPLICATES, txn));
        for (int start = 0; start < entries; start += 10_000) {
            int from = start;
            env.executeInTransaction(txn -> {
                for (int i = from; i < Math.min(entries, from + 10_000); i++) {
                    store.put(txn, new ArrayByteIterable(data.keys[i].getBytes(UTF_8)),
                            new ArrayByteIterable(data.values[i]));
                }
            });
        }
    }

    /** A read-only transaction that {@link #close()} ends: JMH may end this state before its readers. */
    synchronized Transaction openReader() {
        Transaction txn = env.beginReadonlyTransaction();
        readers.add(txn);
        return txn;
    }

    @TearDown(Level.Trial)
    public synchronized void close() throws IOException {
        readers.forEach(Transaction::abort);
        env.close();
        TrialFolder.delete(folder);
    }

    @Benchmark
    public byte[] xodusGet(Reader reader, Cursor cursor) {
        ByteIterable found = store.get(reader.txn,
                new ArrayByteIterable(data.keys[cursor.next(data.order)].getBytes(UTF_8)));
        return Arrays.copyOf(found.getBytesUnsafe(), found.getLength());
    }
}
