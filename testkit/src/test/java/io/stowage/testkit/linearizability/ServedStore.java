package io.stowage.testkit.linearizability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.stowage.api.Store;
import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.ManualClock;
import io.stowage.testkit.backends.Folders;
import io.stowage.testlog.Loggers;

/**
 * One store of an embedded kernel on a real backend, opened once per test class: Lincheck makes a new instance of
 * the operations for every run of a scenario, and those share this store (their constructor empties the keys).
 * Closing ends the handle, the kernel, the backend and whatever the backend ran on, in that order.
 */
final class ServedStore implements AutoCloseable {

    /** One thing to end after the class. */
    private interface Closer {
        void close() throws IOException;
    }

    private final Store store;
    private final List<Closer> closers;

    private ServedStore(Store store, List<Closer> closers) {
        this.store = store;
        this.closers = closers;
    }

    Store store() {
        return store;
    }

    /** The memory backend on a manual clock: the operations set no TTL, so no time needs to pass. */
    static ServedStore memory() {
        MemoryBackend backend = MemoryBackend.outsideFramework("lincheck", 1_000L, Loggers.silent());
        return serve(EmbeddedKernel.serve(backend, new ManualClock()), backend::close);
    }

    /**
     * LMDB in a temporary folder of its own: in memory where the machine has one ({@code /dev/shm}), since the
     * backend syncs every commit to disk and the checks commit tens of thousands of times.
     */
    static ServedStore lmdb() throws IOException {
        Path shared = Path.of("/dev/shm");
        Path folder = Files.isDirectory(shared) && Files.isWritable(shared)
                ? Files.createTempDirectory(shared, "stowage-lincheck-lmdb")
                : Files.createTempDirectory("stowage-lincheck-lmdb");
        LmdbBackend backend = LmdbBackend.outsideFramework("lincheck", folder, 8, 64, Loggers.silent());
        return serve(EmbeddedKernel.serve(backend, new ManualClock()), backend::close, () -> Folders.delete(folder));
    }

    /** Redis on the client named, on a redis-server of its own on a free loopback port. */
    static ServedStore redis(String client) throws IOException {
        RedisServer server = RedisServer.start(Files.createTempDirectory("stowage-lincheck-redis"));
        RedisBackend backend = RedisBackend.outsideFramework("lincheck", server.host(), server.port(), client,
                Loggers.silent());
        // Closing the server removes its folder too
        return serve(EmbeddedKernel.serve(backend), backend::close, server::close);
    }

    private static ServedStore serve(EmbeddedKernel kernel, Closer... after) {
        List<Closer> closers = new ArrayList<>();
        Store store = kernel.namespace("io.stowage.lincheck").store("checked");
        closers.add(store::close);
        closers.add(kernel::close);
        closers.addAll(List.of(after));
        return new ServedStore(store, closers);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Closer closer : closers) {
            try {
                closer.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
