package io.stowage.kernel.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.stowage.admin.Migration;
import io.stowage.admin.MigrationPhase;
import io.stowage.admin.MigrationResult;
import io.stowage.admin.StoreId;
import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.migration.StoreMigrator;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.spi.StorageBackend;
import io.stowage.testlog.Loggers;

/** A migration started through the operator API runs on its own thread, reports its progress, and can be cancelled. */
class MigrationRunsTest {

    private static final StoreId STORE = new StoreId("app", "moving");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aMigrationEndsWithItsResult() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.bind("other", new BoundBackend(KernelHarness.memoryBackend("other", 1_000_000), "memory",
                    "1.0.0"));
            Store store = fill(harness, 1_000);
            MigrationRuns runs = new MigrationRuns(harness.kernel, Loggers.silent());

            Migration migration = runs.start(STORE, "other", false, migrator(harness));
            MigrationResult result = migration.await(WAIT).orElseThrow();

            assertEquals(1_000, result.copied());
            assertEquals(1_000, result.deleted());
            assertEquals(MigrationPhase.DONE, migration.progress().phase());
            assertFalse(migration.cancel(), "an ended migration cannot be cancelled");
            assertEquals("other", harness.kernel.configurationFor("app", "moving"));
            assertEquals("v999", new String(store.get("k999"), UTF_8));
            runs.close();
        }
    }

    @Test
    void aCancelBeforeTheSwitchLeavesTheStoreInItsSource() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            CountDownLatch copying = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            harness.kernel.bind("other", new BoundBackend(pausingOnFirstWrite(copying, resume), "memory", "1.0.0"));
            Store store = fill(harness, 5_000);
            MigrationRuns runs = new MigrationRuns(harness.kernel, Loggers.silent());

            Migration migration = runs.start(STORE, "other", false, migrator(harness));
            assertTrue(copying.await(30, TimeUnit.SECONDS), "the copy began");
            assertEquals(MigrationPhase.COPYING, migration.progress().phase());
            assertTrue(migration.cancel());
            resume.countDown();

            assertThrows(CancellationException.class, () -> migration.await(WAIT));
            assertEquals(MigrationPhase.CANCELLED, migration.progress().phase());
            assertEquals("default", harness.kernel.configurationFor("app", "moving"));
            assertEquals(5_000, store.count());
            store.put("after", "written".getBytes(UTF_8));
            assertEquals("written", new String(store.get("after"), UTF_8));
            runs.close();
        }
    }

    @Test
    void closingCancelsRunningMigrationsAndWaitsForTheirThreads() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            CountDownLatch copying = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            harness.kernel.bind("other", new BoundBackend(pausingOnFirstWrite(copying, resume), "memory", "1.0.0"));
            fill(harness, 5_000);
            MigrationRuns runs = new MigrationRuns(harness.kernel, Loggers.silent());
            Migration migration = runs.start(STORE, "other", false, migrator(harness));
            assertTrue(copying.await(30, TimeUnit.SECONDS), "the copy began");

            Thread closing = new Thread(runs::close);
            closing.start();
            // close() cancels first, then waits: once the migration is let go it stops at its next page
            while (closing.getState() != Thread.State.TIMED_WAITING && closing.isAlive()) {
                Thread.onSpinWait();
            }
            resume.countDown();
            closing.join(TimeUnit.SECONDS.toMillis(30));

            assertFalse(closing.isAlive(), "close returned");
            assertThrows(CancellationException.class, () -> migration.await(Duration.ZERO));
            assertEquals("default", harness.kernel.configurationFor("app", "moving"));
            assertThrows(IllegalStateException.class, () -> runs.start(STORE, "other", false, migrator(harness)),
                    "no migration starts once closed");
        }
    }

    private static Store fill(KernelHarness harness, int entries) {
        Store store = harness.namespace("app").store("moving");
        for (int i = 0; i < entries; i++) {
            store.put("k" + i, ("v" + i).getBytes(UTF_8));
        }
        return store;
    }

    private static StoreMigrator migrator(KernelHarness harness) {
        return new StoreMigrator(harness.kernel, (namespace, store, configuration) -> { });
    }

    /** A memory backend whose first write (the migration's first page) waits until the test lets it go. */
    private static StorageBackend pausingOnFirstWrite(CountDownLatch reached, CountDownLatch resume) {
        StorageBackend target = KernelHarness.memoryBackend("other", 1_000_000);
        return (StorageBackend) Proxy.newProxyInstance(StorageBackend.class.getClassLoader(),
                new Class<?>[] {StorageBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("write") && reached.getCount() > 0) {
                        reached.countDown();
                        resume.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
