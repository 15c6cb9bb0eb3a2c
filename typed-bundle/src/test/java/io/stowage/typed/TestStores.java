package io.stowage.typed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.stowage.api.Store;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.spi.StorageBackend;
import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testlog.Loggers;

/**
 * The real kernel outside a framework on one backend, memory or LMDB in a temporary folder, handing out a fresh store
 * per call so that every test gets an empty map.
 */
public final class TestStores implements AutoCloseable {

    private final StorageBackend backend;
    private final EmbeddedKernel kernel;
    private final Path folder;
    private final AtomicInteger stores = new AtomicInteger();

    private TestStores(StorageBackend backend, String type, Path folder) {
        this.backend = backend;
        this.kernel = new EmbeddedKernel(backend, type, 5_000, System::currentTimeMillis, Loggers.silent());
        this.folder = folder;
    }

    public static TestStores memory() {
        return new TestStores(MemoryBackend.outsideFramework("typed", Long.MAX_VALUE, Loggers.silent()), "memory",
                null);
    }

    /**
     * LMDB in a temporary folder, in memory ({@code /dev/shm}) where the machine has one: the map suites run some
     * 70,000 small write transactions, and what they check is the map, not how long the disk takes to sync.
     */
    public static TestStores lmdb() {
        try {
            Path shm = Path.of("/dev/shm");
            Path folder = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "stowage-typed-lmdb")
                    : Files.createTempDirectory("stowage-typed-lmdb");
            return new TestStores(LmdbBackend.outsideFramework("typed", folder, 8, 1024, Loggers.silent()), "lmdb",
                    folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store no one has used yet. */
    public Store fresh() {
        return kernel.namespace("io.stowage.typed.test").store("s" + stores.incrementAndGet());
    }

    @Override
    public void close() {
        kernel.close();
        if (backend instanceof MemoryBackend memory) {
            memory.close();
        } else if (backend instanceof LmdbBackend lmdb) {
            lmdb.close();
        }
        if (folder != null) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
