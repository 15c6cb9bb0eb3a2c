package io.stowage.testkit.backends;

import java.time.Duration;

import org.junit.AfterClass;

import io.stowage.api.StorageService;
import io.stowage.spi.StorageBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.store.IndexContract;
import io.stowage.testkit.store.WordsIndexFunction;

/**
 * The secondary index contract through the kernel outside OSGi, with the words index function registered. A subclass
 * starts its backend in a {@code @BeforeClass} method and calls {@link #serve}.
 */
public abstract class EmbeddedIndexContract extends IndexContract {

    private static final String NAMESPACE = "io.stowage.index.contract";
    private static EmbeddedKernel kernel;
    private static AutoCloseable backendCloser;

    /** Serves the backend through the kernel; {@code closer} ends it after the class. */
    static void serve(StorageBackend backend, AutoCloseable closer) {
        backendCloser = closer;
        kernel = EmbeddedKernel.serve(backend).withIndexFunction(new WordsIndexFunction(), "1.0.0");
    }

    @AfterClass
    public static void stopKernel() throws Exception {
        kernel.close();
        backendCloser.close();
    }

    @Override
    protected StorageService storage() {
        return kernel.namespace(NAMESPACE);
    }

    @Override
    protected void createIndex(String store, String name, String function, boolean unique) {
        kernel.createIndex(NAMESPACE, store, name, function, unique, Duration.ofSeconds(60));
    }

    @Override
    protected void dropIndex(String store, String name) {
        kernel.dropIndex(NAMESPACE, store, name);
    }
}
