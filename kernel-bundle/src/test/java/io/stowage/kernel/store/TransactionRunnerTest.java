package io.stowage.kernel.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.stowage.admin.TransactionCounts;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;
import io.stowage.api.TransactionConflictException;
import io.stowage.api.UnsupportedCapabilityException;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.KernelSettings;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/** How the kernel commits, retries and counts a store's transactions, on a memory backend seen through a proxy. */
class TransactionRunnerTest {

    /** One conditional write as the backend received it. */
    private record WriteIf(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadline) {
    }

    @Test
    void aCommitIsOneConditionalWriteWithWhatWasReadAsItsConditions() {
        try (KernelHarness harness = new KernelHarness()) {
            List<WriteIf> writes = recordWrites(harness);
            Store store = harness.namespace("app").store("s");
            store.put("a", b("1"));
            store.transact(tx -> {
                tx.get("a");
                tx.get("absent");
                tx.scan("r", "s", 10);
                tx.put("b", b("2"));
                tx.delete("c");
                return null;
            });
            assertEquals(1, writes.size());
            WriteIf write = writes.get(0);
            assertEquals(3, write.conditions().size());
            assertEquals(2, write.conditions().stream().filter(BackendCondition::isSingleKey).count());
            assertEquals(List.of(false, true), write.mutations().stream().map(BackendMutation::isDelete).toList());
            assertEquals(Long.MAX_VALUE, write.deadline(), "nothing read expires");
        }
    }

    @Test
    void aTransactionThatReadsNothingWritesAsOneUnconditionalStepAndOneThatWritesNothingOnlyChecks() {
        try (KernelHarness harness = new KernelHarness()) {
            List<WriteIf> writes = recordWrites(harness);
            Store store = harness.namespace("app").store("s");
            store.transact(tx -> null);
            assertTrue(writes.isEmpty(), "a transaction that did nothing called the backend");
            store.transact(tx -> {
                tx.put("k", b("v"));
                return null;
            });
            store.transact(tx -> tx.get("k"));
            assertEquals(2, writes.size());
            assertTrue(writes.get(0).conditions().isEmpty());
            assertTrue(writes.get(1).mutations().isEmpty());
            assertEquals(1, writes.get(1).conditions().size());
        }
    }

    @Test
    void theDeadlineIsTheFirstExpiryOfAnEntryReadLiveCarriedOverToTheSystemClock() {
        try (KernelHarness harness = new KernelHarness()) {
            List<WriteIf> writes = recordWrites(harness);
            Store store = harness.namespace("app").store("s");
            store.put("soon", b("1"), Duration.ofSeconds(30));
            store.put("later", b("2"), Duration.ofHours(1));
            long before = System.currentTimeMillis();
            store.transact(tx -> {
                tx.scan(null, null, 10);
                tx.put("x", b("3"));
                return null;
            });
            long after = System.currentTimeMillis();
            long deadline = writes.get(0).deadline();
            assertTrue(deadline >= before + 30_000 && deadline <= after + 30_000, "deadline " + deadline);
        }
    }

    @Test
    void conflictsRetriesAndCommitsAreCountedPerStore() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            store.put("k", b("0"));
            AtomicInteger attempts = new AtomicInteger();
            store.transact(tx -> {
                tx.get("k");
                if (attempts.incrementAndGet() == 1) {
                    store.put("k", b("changed"));
                }
                tx.put("k", b("mine"));
                return null;
            });
            assertEquals(new TransactionCounts(1, 1, 1), counts(harness));
            assertEquals("mine", new String(store.get("k"), UTF_8));
        }
    }

    @Test
    void theConfiguredAttemptsAreAllThereIs() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.updateSettings(new KernelSettings("default", 200, 3_600_000, 2_000, 3, 0));
            Store store = harness.namespace("app").store("s");
            AtomicInteger attempts = new AtomicInteger();
            assertThrows(TransactionConflictException.class, () -> store.transact(tx -> {
                tx.get("k");
                store.put("k", b(Integer.toString(attempts.incrementAndGet())));
                tx.put("other", b("never"));
                return null;
            }));
            assertEquals(3, attempts.get());
            assertEquals(new TransactionCounts(0, 3, 2), counts(harness));
            assertNull(store.get("other"));
        }
    }

    @Test
    void aBackendWithoutConditionalWritesIsRefusedBeforeTheWorkRuns() {
        try (KernelHarness harness = new KernelHarness()) {
            StorageBackend lacking = proxy(harness.backend, (method, args) -> method.equals("capabilities")
                    ? without(harness.backend.capabilities(), Capability.CONDITIONAL_WRITE) : null);
            harness.kernel.unbind("default");
            harness.kernel.bind("default", new BoundBackend(lacking, "memory", "1.0.0"));
            Store store = harness.namespace("app").store("s");
            AtomicInteger ran = new AtomicInteger();
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                    () -> store.transact(tx -> ran.incrementAndGet()));
            assertEquals(0, ran.get());
            assertTrue(e.getMessage().contains("CONDITIONAL_WRITE") && e.getMessage().contains("'default'"),
                    e.getMessage());
        }
    }

    @Test
    void aTransactionOnAClosedHandleIsRefused() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            store.close();
            assertThrows(StoreClosedException.class, () -> store.transact(tx -> null));
        }
    }

    private static TransactionCounts counts(KernelHarness harness) {
        return harness.kernel.route("app", "s").metrics.transactions.snapshot();
    }

    private static List<WriteIf> recordWrites(KernelHarness harness) {
        List<WriteIf> writes = new CopyOnWriteArrayList<>();
        StorageBackend recording = proxy(harness.backend, (method, args) -> {
            if (method.equals("writeIf")) {
                @SuppressWarnings("unchecked")
                WriteIf write = new WriteIf(new ArrayList<>((List<BackendCondition>) args[0]),
                        new ArrayList<>((List<BackendMutation>) args[1]), (long) args[2]);
                writes.add(write);
            }
            return null;
        });
        harness.kernel.unbind("default");
        harness.kernel.bind("default", new BoundBackend(recording, "memory", "1.0.0"));
        return writes;
    }

    /** What a proxy's hook answers instead of the backend, or null to pass the call on. */
    private interface Hook {
        Object answer(String method, Object[] args);
    }

    private static StorageBackend proxy(StorageBackend backend, Hook hook) {
        return (StorageBackend) Proxy.newProxyInstance(StorageBackend.class.getClassLoader(),
                new Class<?>[] {StorageBackend.class}, (proxy, method, args) -> {
                    Object answer = hook.answer(method.getName(), args);
                    if (answer != null) {
                        return answer;
                    }
                    try {
                        return method.invoke(backend, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Set<Capability> without(Set<Capability> capabilities, Capability lacking) {
        EnumSet<Capability> kept = EnumSet.copyOf(capabilities);
        kept.remove(lacking);
        return kept;
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }
}
