package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.Store;

/**
 * The kernel owns every backend instance: one per configuration, ended (so its @Deactivate runs) when its
 * configuration goes or its extension leaves; store handles wait a bounded time for a backend and then fail.
 */
public class BackendLifecycleIT extends FrameworkProbe {

    /** Long enough for a stopped extension to come back within it, short enough to keep the tests quick. */
    private static final long OPERATION_TIMEOUT_MILLIS = 3_000;

    @Before
    public void defaultBackend() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.kernelSettings(context, configurations, scr,
                Map.of("operationTimeoutMillis", OPERATION_TIMEOUT_MILLIS));
        StowageFramework.await("the default backend", 10_000, () -> activeMemoryInstances() >= 1);
    }

    @After
    public void memoryExtensionStarted() throws Exception {
        Bundle memory = bundle("io.stowage.storage.memory");
        if (memory.getState() != Bundle.ACTIVE) {
            memory.start();
        }
    }

    @Test
    public void oneInstancePerConfigurationEndedWhenTheConfigurationIsDeleted() throws Exception {
        int before = activeMemoryInstances();
        org.osgi.service.cm.Configuration scratch = StowageFramework.memoryBackend(configurations, "scratch");
        org.osgi.service.cm.Configuration route = configurations.getFactoryConfiguration("io.stowage.store", "routed", "?");
        Dictionary<String, Object> rule = new Hashtable<>();
        rule.put("namespace", storage().namespace());
        rule.put("store", "routed");
        rule.put("backend", "scratch");
        route.update(rule);
        StowageFramework.await("a second instance", 10_000, () -> activeMemoryInstances() == before + 1);

        Store routed = storage().store("routed");
        Store plain = storage().store("plain");
        StowageFramework.await("the route", 10_000, () -> {
            try {
                routed.put("k", "v".getBytes(UTF_8));
                return true;
            } catch (BackendUnavailableException notYet) {
                return false;
            }
        });
        plain.put("k", "v".getBytes(UTF_8));

        scratch.delete();
        StowageFramework.await("the scratch instance to end", 10_000, () -> activeMemoryInstances() == before);
        StowageFramework.await("the scratch instance's @Deactivate", 10_000,
                () -> FrameworkLog.contains(log, "memory backend 'scratch' ended, released"));
        assertThrows(BackendUnavailableException.class, () -> routed.get("k"));
        assertEquals("v", new String(plain.get("k"), UTF_8));
        route.delete();
    }

    @Test
    public void anInstanceNoStoreCanReachIsReleasedAtOnceAndMadeAgainWhenRoutedTo() throws Exception {
        StowageFramework.lmdbBackend(configurations, "spare");
        // The kernel lists a configuration once it has acted on it: had it made an instance, it would have by then
        StowageFramework.await("the kernel to take configuration 'spare' in", 10_000,
                () -> !StowageFramework.backendStates(context, "spare").isEmpty());
        assertEquals(List.of("unused: no store is routed to it"), StowageFramework.backendStates(context, "spare"));
        assertFalse("an instance was made for a configuration no store can reach",
                FrameworkLog.contains(log, "LMDB backend 'spare' opened"));

        org.osgi.service.cm.Configuration route = StowageFramework.route(context, configurations, "spare-store", "spare");
        Store store = storage().store("spare-store");
        StowageFramework.awaitWritable(store, "k", "kept on disk", log);
        route.delete();
        StowageFramework.await("the unused instance to be released", 10_000,
                () -> FrameworkLog.contains(log, "backend configuration 'spare' released: no store is routed to it")
                        && FrameworkLog.contains(log, "LMDB backend 'spare' closed"));

        StowageFramework.route(context, configurations, "spare-store", "spare");
        StowageFramework.await("the configuration to be served again", 10_000, () -> {
            try {
                return store.exists("k");
            } catch (BackendUnavailableException notYet) {
                return false;
            }
        });
        assertEquals("kept on disk", new String(store.get("k"), UTF_8));
    }

    @Test
    public void aSecondConfigurationClaimingTheSameNameWaitsForIt() throws Exception {
        int before = activeMemoryInstances();
        // Instances serve configurations that stores can reach
        StowageFramework.route(context, configurations, "twin", "twin-a");
        org.osgi.service.cm.Configuration first = StowageFramework.memoryBackend(configurations, "twin-a");
        Dictionary<String, Object> sameName = new Hashtable<>();
        sameName.put("name", "twin-a");
        sameName.put("maxKeys", 10L);
        org.osgi.service.cm.Configuration second = configurations.getFactoryConfiguration("io.stowage.memory", "twin-b", "?");
        second.update(sameName);
        StowageFramework.await("one instance for the name", 10_000, () -> activeMemoryInstances() == before + 1);
        // Both configurations listed: the kernel has acted on the second one too, and made it wait for the name
        StowageFramework.await("the kernel to take both configurations in", 10_000,
                () -> StowageFramework.backendStates(context, "twin-a").size() == 2);
        assertEquals(before + 1, activeMemoryInstances());
        assertTrue(FrameworkLog.messages(log).toString(),
                FrameworkLog.contains(log, "waits: its name 'twin-a' is already used by"));

        first.delete();
        StowageFramework.await("the waiting configuration to take the name", 10_000,
                () -> FrameworkLog.contains(log, "memory backend 'twin-a' started (maxKeys 10)"));
        assertEquals(before + 1, activeMemoryInstances());
        second.delete();
        StowageFramework.await("the twin to end", 10_000, () -> activeMemoryInstances() == before);
    }

    @Test
    public void leavingExtensionEndsItsInstancesHandlesFailAfterTheirWaitAndTheDataComesBack() throws Exception {
        Store store = storage().store("leaving");
        store.put("k", "v".getBytes(UTF_8));
        Bundle memory = bundle("io.stowage.storage.memory");
        memory.stop();
        assertTrue(FrameworkLog.contains(log, "memory backend 'default' ended"));
        long start = System.nanoTime();
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> store.get("k"));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("waited " + waited + " ms",
                waited >= OPERATION_TIMEOUT_MILLIS - 50 && waited < OPERATION_TIMEOUT_MILLIS + 5_000);
        assertTrue(e.getMessage(), e.getMessage().contains("'default'"));
        assertFalse("a plain stop is no restart: the kernel's copy does not serve in the instance's place",
                FrameworkLog.contains(log, "is served by the kernel's copy"));

        // The kernel kept the volatile contents while no extension was there, and hands them to the next instance
        memory.start();
        StowageFramework.await("the extension to serve again", 10_000, () -> {
            try {
                return store.exists("k");
            } catch (BackendUnavailableException notYet) {
                return false;
            }
        });
        assertEquals("v", new String(store.get("k"), UTF_8));
    }

    @Test
    public void operationIssuedWhileNoBackendIsBoundCompletesWhenOneReturns() throws Exception {
        Store store = storage().store("waiting");
        Bundle memory = bundle("io.stowage.storage.memory");
        memory.stop();
        FutureTask<Void> put = new FutureTask<>(() -> store.put("k", "late".getBytes(UTF_8)), null);
        Thread putter = new Thread(put, "late-put");
        putter.start();
        StowageFramework.await("the put to wait inside the kernel", 10_000, () -> waitsInTheKernel(putter));
        assertFalse("the put waits for a backend", put.isDone());
        memory.start();
        put.get(15, TimeUnit.SECONDS);
        assertEquals("late", new String(store.get("k"), UTF_8));
    }

    /** The thread is parked in a timed wait, called from the kernel: an operation waiting for a backend. */
    private static boolean waitsInTheKernel(Thread thread) {
        return thread.getState() == Thread.State.TIMED_WAITING && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().startsWith("io.stowage.kernel."));
    }

    private int activeMemoryInstances() {
        return StowageFramework.activeMemoryInstances(scr, bundle("io.stowage.storage.memory"));
    }
}
