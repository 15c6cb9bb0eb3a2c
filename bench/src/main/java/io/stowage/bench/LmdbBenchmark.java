package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;
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

/**
 * LMDB through the kernel (on the LMDB backend) against raw lmdbjava, on the same data: random point reads, with a
 * reused read transaction on the raw side (also the engine the memory backend must beat by 2x), and durable writes,
 * both environments opened with the backend's durable flags (MDB_NOTLS only: every commit is fsynced).
 *
 * <p>Reads return the value as a fresh byte array on both sides. Every write overwrites a key of the loaded data, in
 * the shared random order, so the store keeps its size. Each benchmark loads only the store it uses.
 */
@Fork(2)
public class LmdbBenchmark {

    /** Puts per transaction in the batch comparison. */
    static final int BATCH = 1_000;

    /** The kernel on an LMDB backend holding the data set. */
    @State(Scope.Benchmark)
    public static class KernelStore {

        @Param("1000000")
        public int entries;

        Dataset data;
        KernelOnLmdb lmdb;

        @Setup(Level.Trial)
        public void load() throws IOException {
            data = new Dataset(entries, 42);
            lmdb = new KernelOnLmdb().load(data);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            lmdb.close();
        }
    }

    /** A raw lmdbjava environment holding the data set, with the kernel's durable flags. */
    @State(Scope.Benchmark)
    public static class RawEnvironment {

        @Param("1000000")
        public int entries;

        Dataset data;
        private Path folder;
        Env<ByteBuffer> env;
        Dbi<ByteBuffer> dbi;
        private final List<Txn<ByteBuffer>> readers = new ArrayList<>();

        @Setup(Level.Trial)
        public void load() throws IOException {
            data = new Dataset(entries, 42);
            folder = TrialFolder.create("lmdb");
            env = Env.create().setMapSize(KernelOnLmdb.MAP_SIZE_MIB << 20).setMaxDbs(1).setMaxReaders(16)
                    .open(folder.toFile(), EnvFlags.MDB_NOTLS);
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

        /** A read transaction that {@link #close()} closes: JMH may end this state before its readers. */
        synchronized Txn<ByteBuffer> openReader() {
            Txn<ByteBuffer> txn = env.txnRead();
            readers.add(txn);
            return txn;
        }

        @TearDown(Level.Trial)
        public synchronized void close() throws IOException {
            readers.forEach(Txn::close);
            env.close();
            TrialFolder.delete(folder);
        }
    }

    /** One thread's read transaction, reused for every get, and its key buffer. */
    @State(Scope.Thread)
    public static class Reader {
        Txn<ByteBuffer> txn;
        final ByteBuffer key = ByteBuffer.allocateDirect(511);

        @Setup(Level.Trial)
        public void open(RawEnvironment raw) {
            txn = raw.openReader();
        }
    }

    /** One thread's key and value buffers for raw writes. */
    @State(Scope.Thread)
    public static class Writer {
        final ByteBuffer key = ByteBuffer.allocateDirect(511);
        final ByteBuffer value = ByteBuffer.allocateDirect(Dataset.VALUE_LENGTH);

        void put(RawEnvironment raw, Txn<ByteBuffer> txn, int i) {
            key.clear();
            key.put(raw.data.keys[i].getBytes(UTF_8)).flip();
            value.clear();
            value.put(raw.data.values[i]).flip();
            raw.dbi.put(txn, key, value);
        }
    }

    @Benchmark
    public byte[] kernelGet(KernelStore kernel, Cursor cursor) {
        return kernel.lmdb.store.get(kernel.data.keys[cursor.next(kernel.data.order)]);
    }

    @Benchmark
    public byte[] rawLmdbGet(RawEnvironment raw, Reader reader, Cursor cursor) {
        ByteBuffer key = reader.key;
        key.clear();
        key.put(raw.data.keys[cursor.next(raw.data.order)].getBytes(UTF_8)).flip();
        ByteBuffer found = raw.dbi.get(reader.txn, key);
        byte[] value = new byte[found.remaining()];
        found.get(value);
        return value;
    }

    /** One batch of {@value #BATCH} puts in one transaction; the score counts puts. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void kernelBatchPut(KernelStore kernel, Cursor cursor) {
        Dataset data = kernel.data;
        Batch.Builder batch = Batch.builder();
        for (int n = 0; n < BATCH; n++) {
            int i = cursor.next(data.order);
            batch.put(data.keys[i], data.values[i]);
        }
        kernel.lmdb.store.write(batch.build());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawBatchPut(RawEnvironment raw, Writer writer, Cursor cursor) {
        try (Txn<ByteBuffer> txn = raw.env.txnWrite()) {
            for (int n = 0; n < BATCH; n++) {
                writer.put(raw, txn, cursor.next(raw.data.order));
            }
            txn.commit();
        }
    }

    /** One put, one fsynced commit: bound by the disk on both sides, so reported only, from one fork. */
    @Benchmark
    @Fork(1)
    public void kernelDurablePut(KernelStore kernel, Cursor cursor) {
        int i = cursor.next(kernel.data.order);
        kernel.lmdb.store.put(kernel.data.keys[i], kernel.data.values[i]);
    }

    @Benchmark
    @Fork(1)
    public void rawDurablePut(RawEnvironment raw, Writer writer, Cursor cursor) {
        try (Txn<ByteBuffer> txn = raw.env.txnWrite()) {
            writer.put(raw, txn, cursor.next(raw.data.order));
            txn.commit();
        }
    }
}
