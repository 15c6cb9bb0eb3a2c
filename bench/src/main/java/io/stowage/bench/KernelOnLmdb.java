package io.stowage.bench;

import java.io.IOException;
import java.nio.file.Path;

import io.stowage.api.Batch;
import io.stowage.api.Limits;
import io.stowage.api.Store;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.testlog.Loggers;

/**
 * The kernel serving store {@code points} of namespace {@code io.stowage.bench} from an LMDB backend in a trial
 * folder, in the backend's default mode: durable, every commit fsynced (MDB_NOTLS only).
 */
final class KernelOnLmdb implements AutoCloseable {

    /** The same 4 GiB map as the raw environments, so that neither side ever grows its map during a trial. */
    static final long MAP_SIZE_MIB = 4096;

    private final Path folder;
    private final LmdbBackend backend;
    private final EmbeddedKernel kernel;
    final Store store;

    KernelOnLmdb() throws IOException {
        folder = TrialFolder.create("kernel-lmdb");
        backend = LmdbBackend.outsideFramework("bench", folder, MAP_SIZE_MIB, MAP_SIZE_MIB, Loggers.silent());
        kernel = new EmbeddedKernel(backend, "lmdb", 5_000, System::currentTimeMillis, Loggers.silent());
        store = kernel.namespace("io.stowage.bench").store("points");
    }

    /** Stores every entry of the data set, in batches of the API's limit. */
    KernelOnLmdb load(Dataset data) {
        for (int start = 0; start < data.keys.length; start += Limits.MAX_BATCH_SIZE) {
            Batch.Builder batch = Batch.builder();
            for (int i = start; i < Math.min(data.keys.length, start + Limits.MAX_BATCH_SIZE); i++) {
                batch.put(data.keys[i], data.values[i]);
            }
            store.write(batch.build());
        }
        return this;
    }

    @Override
    public void close() throws IOException {
        kernel.close();
        backend.close();
        TrialFolder.delete(folder);
    }
}
