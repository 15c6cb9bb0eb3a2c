package io.stowage.bench;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;

import io.stowage.api.Batch;
import io.stowage.api.Limits;
import io.stowage.api.Store;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.testlog.Loggers;

/**
 * The kernel serving store {@code points} of namespace {@code io.stowage.bench} from an LMDB backend in a trial
 * folder, by default in the backend's default mode: durable, every commit fsynced (MDB_NOTLS only); or in another
 * sync mode of its configuration ({@link #withSyncMode}).
 */
final class KernelOnLmdb implements AutoCloseable {

    /** The same 4 GiB map as the raw environments, so that neither side ever grows its map during a trial. */
    static final long MAP_SIZE_MIB = 4096;

    private final Path folder;
    private final LmdbBackend backend;
    /** For benchmarks that register extensions with the kernel (index functions) or use stores of their own. */
    final EmbeddedKernel kernel;
    final Store store;

    KernelOnLmdb() throws IOException {
        this(null);
    }

    private KernelOnLmdb(String syncMode) throws IOException {
        folder = TrialFolder.create("kernel-lmdb");
        try {
            backend = syncMode == null
                    ? LmdbBackend.outsideFramework("bench", folder, MAP_SIZE_MIB, MAP_SIZE_MIB, Loggers.silent())
                    : configured("bench", folder, syncMode);
        } catch (RuntimeException e) {
            TrialFolder.delete(folder);
            throw e;
        }
        kernel = new EmbeddedKernel(backend, "lmdb", 5_000, System::currentTimeMillis, Loggers.silent());
        store = kernel.namespace("io.stowage.bench").store("points");
    }

    /** The kernel on an LMDB backend in {@code syncMode} (DURABLE, NO_META_SYNC or NO_SYNC). */
    static KernelOnLmdb withSyncMode(String syncMode) throws IOException {
        return new KernelOnLmdb(syncMode);
    }

    /**
     * An LMDB backend opened as the framework opens one from a configuration of the given sync mode (all else at its
     * defaults but the map size): {@code outsideFramework} knows only the durable mode, and the configuration type is
     * the extension's own, so the bench reaches it by reflection.
     */
    static LmdbBackend configured(String name, Path folder, String syncMode) {
        try {
            Class<?> configType = Class.forName("io.stowage.storage.lmdb.LmdbBackendConfig");
            Object config = Proxy.newProxyInstance(configType.getClassLoader(), new Class<?>[] {configType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "name" -> name;
                        case "path" -> folder.toAbsolutePath().toString();
                        case "mapSizeMiB", "maxMapSizeMiB" -> MAP_SIZE_MIB;
                        case "syncMode" -> syncMode;
                        case "annotationType" -> configType;
                        default -> method.getDefaultValue();
                    });
            BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (proxy, method, args) -> null);
            return (LmdbBackend) LmdbBackend.class.getConstructor(configType, BundleContext.class, Logger.class)
                    .newInstance(config, context, Loggers.silent());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("LMDB backend in " + syncMode + " mode did not open", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("LMDB backend's configuration type is not as the bench knows it", e);
        }
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
