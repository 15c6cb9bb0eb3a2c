package io.stowage.testkit.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * What the SPI suites ({@link StorageBackendContract}, {@link ConditionalWriteContract}) share: how a backend's test
 * opens, closes and reopens an instance, the instance open during each test, and the keys of the test's own store,
 * shaped as the kernel's ({@code namespace 0x00 s 0x00 key}) in a namespace no other test uses.
 *
 * @param <B> the backend class, so that {@link #close} can reach its {@code @Deactivate} method
 * @since 1.1
 */
public abstract class BackendUnderTest<B extends StorageBackend> {

    private static final String RUN = Long.toString(new Random().nextLong() & Long.MAX_VALUE, 36);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    /** The instance under test, opened before each test and closed after it. */
    protected B backend;

    /** The test's namespace, and its store {@code s} in it with both separators. */
    byte[] namespace;
    byte[] store;

    /** A new instance of the backend under test, called before every test. */
    protected abstract B open() throws Exception;

    /** Ends an instance as the framework would: calls its {@code @Deactivate} method. */
    protected abstract void close(B instance) throws Exception;

    /**
     * Ends the instance and opens a new one on the same data, as a restart of the process would. A backend that
     * declares {@link Capability#DURABLE} must override it; the default fails the durability tests, saying so.
     */
    protected B reopen(B instance) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " tests a DURABLE backend: override reopen()"
                + " to close the instance and open another on the same data");
    }

    @BeforeEach
    public void openBackend() throws Exception {
        namespace = ("io.stowage.testkit." + RUN + "." + NAMESPACES.incrementAndGet()).getBytes(UTF_8);
        store = concat(namespace, new byte[] {0}, "s".getBytes(UTF_8), new byte[] {0});
        backend = open();
        assertNotNull(backend, "open() returned no backend");
    }

    @AfterEach
    public void closeBackend() throws Exception {
        if (backend != null) {
            B ended = backend;
            backend = null;
            close(ended);
        }
    }

    /** A key of this test's store: {@code namespace 0x00 s 0x00 suffix}. */
    protected byte[] key(String suffix) {
        return concat(store, suffix.getBytes(UTF_8));
    }

    static byte[] concat(byte[]... parts) {
        byte[] out = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
