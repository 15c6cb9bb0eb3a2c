package io.stowage.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.stowage.kernel.KernelHarness;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * An ending instance lets no new operation in and waits, a bounded time, for those running; what it can do is kept in
 * {@link Capability}'s order.
 */
class BoundBackendTest {

    @Test
    void closeWaitsForRunningOperationsAndLetsNoNewOneIn() throws Exception {
        BoundBackend bound = memoryInstance();
        assertTrue(bound.enter());
        CountDownLatch closing = new CountDownLatch(1);
        AtomicBoolean exited = new AtomicBoolean();
        boolean[] drained = {false};
        boolean[] returnedAfterExit = {false};
        Thread closer = new Thread(() -> {
            closing.countDown();
            drained[0] = bound.close(5_000);
            returnedAfterExit[0] = exited.get();
        });
        closer.start();
        closing.await();
        // Closing has begun and the closer is parked in its wait for the running operation
        awaitCondition(() -> bound.isRetired() && closer.getState() == Thread.State.TIMED_WAITING);
        assertTrue(closer.isAlive(), "close returned while an operation ran");
        assertFalse(bound.enter(), "a new operation got in while closing");
        exited.set(true);
        bound.exit();
        closer.join(5_000);
        assertTrue(drained[0]);
        assertTrue(returnedAfterExit[0], "close returned before the running operation ended");
        assertEquals(0, bound.running());
    }

    @Test
    void closeGivesUpAfterItsTimeout() {
        BoundBackend bound = memoryInstance();
        bound.enter();
        long started = System.nanoTime();
        assertFalse(bound.close(100));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waited >= 100 && waited < 2_000, "waited " + waited + " ms");
        assertEquals(1, bound.running());
        assertTrue(bound.isRetired());
    }

    /** stowage:backends and the MBeans print them as the kernel keeps them: in one order, on every start. */
    @Test
    void capabilitiesAreKeptInTheirDeclaredOrder() {
        List<Capability> declared = List.of(Capability.values());
        for (int rotation = 0; rotation < declared.size(); rotation++) {
            List<Capability> reported = new ArrayList<>(declared);
            Collections.rotate(reported, rotation);
            StorageBackend backend = reporting(new LinkedHashSet<>(reported));

            assertEquals(declared, List.copyOf(new BoundBackend(backend, "test", "1.0.0").capabilities()));
        }
        assertEquals(List.of(Capability.ORDERED_SCAN, Capability.ATOMIC_BATCH, Capability.CONDITIONAL_WRITE),
                List.copyOf(memoryInstance().capabilities()));
    }

    /** A memory backend that reports the given capabilities, in the given iteration order. */
    private static StorageBackend reporting(Set<Capability> capabilities) {
        StorageBackend memory = KernelHarness.memoryBackend("ordered", 10);
        return (StorageBackend) Proxy.newProxyInstance(StorageBackend.class.getClassLoader(),
                new Class<?>[] {StorageBackend.class}, (proxy, method, args) -> method.getName().equals("capabilities")
                        ? capabilities : method.invoke(memory, args));
    }

    private static BoundBackend memoryInstance() {
        return new BoundBackend(KernelHarness.memoryBackend("in-flight", 10), "memory", "1.0.0");
    }

    /** Polls the condition until it holds; fails after 5 s. */
    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "condition not met within 5 s");
            Thread.onSpinWait();
        }
    }
}
